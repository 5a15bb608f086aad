import { entryComplaints } from '../../store/audit.js';
import { html } from './html.js';
import { at, auditCells, page, textOf, type WorkspaceView } from './workspace-view.js';

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
                ${auditCells(view, e.fields)}
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

/** The complaints an entry names, each once (a page's entry lists many: src/store/audit.ts). */
export function complaintsOf(fields: Record<string, string>): string[] {
  return [...new Set(entryComplaints(fields))];
}

function complaintLinks(ids: string[]) {
  const shown = ids.slice(0, MAX_LINKS);
  return html`${shown.map((id, i) => html`${i > 0 ? ', ' : ''}<a href="/aduan/${id}">${id}</a>`)}${
    ids.length > shown.length ? ` (+${ids.length - shown.length})` : ''
  }`;
}
