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
                <td>
                  ${e.fields.complaint ? html`<a href="/aduan/${e.fields.complaint}">${e.fields.complaint}</a>` : ''}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  return page(view, t.auditPageTitle, '/audit', body);
}
