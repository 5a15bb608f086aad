import type { TriageEntry } from '../../store/records.js';
import { html } from './html.js';
import { at, page, textOf, type WorkspaceView } from './workspace-view.js';

/** What waits for an operator's decision: unmapped statuses, missing classification, unknown OPDs. */
export function triagePage(view: WorkspaceView, entries: [string, TriageEntry][]): string {
  const t = textOf(view);
  const body = html`<h1>${t.triageTitle}</h1>
    ${
      entries.length === 0
        ? html`<p>${t.triageNone}</p>`
        : html`<div class="scroll">
            <table id="triase">
              <thead>
                <tr>
                  <th>${t.colAt}</th>
                  <th>${t.colChannel}</th>
                  <th>${t.colWhat}</th>
                  <th>${t.colReason}</th>
                  <th>${t.complaintTitle}</th>
                </tr>
              </thead>
              <tbody>
                ${entries.map(
                  ([, e]) =>
                    html`<tr>
                      <td class="t">${at(view, e.at)}</td>
                      <td>${e.source}</td>
                      <td>${e.kind}: <code>${e.value}</code></td>
                      <td class="wrap">${e.reason}</td>
                      <td><a href="/aduan/${e.complaintId}">${e.complaintId}</a></td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }`;
  return page(view, t.triageTitle, '/triase', body);
}
