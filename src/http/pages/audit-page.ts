import { html } from './html.js';
import { at, page, textOf, type WorkspaceView } from './workspace-view.js';

export function auditPage(view: WorkspaceView, entries: { id: string; fields: Record<string, string> }[]): string {
  const t = textOf(view);
  const body = html`<h1>${t.auditPageTitle}</h1>
    <div class="scroll">
      <table id="audit">
        <thead>
          <tr>
            <th>${t.colAt}</th>
            <th>${t.colWho}</th>
            <th>${t.colWhat}</th>
            <th>${t.colWhy}</th>
            <th>${t.complaintTitle}</th>
          </tr>
        </thead>
        <tbody>
          ${entries.map(
            (e) =>
              html`<tr>
                <td class="t">${at(view, e.fields.at)}</td>
                <td>${e.fields.who}</td>
                <td>${e.fields.what}</td>
                <td class="wrap">${e.fields.why}</td>
                <td>${complaintLinks(complaintsOf(e.fields))}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  return page(view, t.auditPageTitle, '/audit', body);
}

/** Links shown per entry; a page entry naming more says how many it left out. */
const MAX_LINKS = 5;

/**
 * The complaints an entry names: its own `complaint`, or the parts a page's entry lists in its
 * detail (`{"entries":[{"complaint":…}]}`, one entry for a whole page of dedup decisions).
 */
export function complaintsOf(fields: Record<string, string>): string[] {
  if (fields.complaint) return [fields.complaint];
  if (!fields.detail) return [];
  try {
    const detail = JSON.parse(fields.detail) as { entries?: { complaint?: unknown }[] };
    const ids = (Array.isArray(detail?.entries) ? detail.entries : []).map((p) => p?.complaint);
    return [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))];
  } catch {
    return [];
  }
}

function complaintLinks(ids: string[]) {
  const shown = ids.slice(0, MAX_LINKS);
  return html`${shown.map((id, i) => html`${i > 0 ? ', ' : ''}<a href="/aduan/${id}">${id}</a>`)}${
    ids.length > shown.length ? ` (+${ids.length - shown.length})` : ''
  }`;
}
