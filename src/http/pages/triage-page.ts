import type { DeadLetter, TriageEntry } from '../../store/records.js';
import { html } from './html.js';
import { at, csrfField, flash, page, textOf, type WorkspaceView } from './workspace-view.js';

/** What waits for an operator: unmapped values and unknown OPDs (triage), and work that gave up (dead letters). */
export function triagePage(
  view: WorkspaceView,
  data: { triage: [string, TriageEntry][]; deadLetters: [string, DeadLetter][]; mayRetry: boolean; notice?: string },
): string {
  const t = textOf(view);
  const body = html`<h1>${t.triageTitle}</h1>
    ${flash(data.notice)}
    ${
      data.triage.length === 0
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
                ${data.triage.map(
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
    }
    <h2>${t.deadLettersTitle}</h2>
    ${
      data.deadLetters.length === 0
        ? html`<p>${t.deadLettersNone}</p>`
        : html`<div class="scroll">
            <table id="dlq">
              <thead>
                <tr>
                  <th>${t.colAt}</th>
                  <th>${t.colWhat}</th>
                  <th>${t.colReason}</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                ${data.deadLetters.map(
                  ([key, d]) =>
                    html`<tr data-dlq="${key}">
                      <td class="t">${at(view, d.failedAt)}</td>
                      <td>
                        <code>${d.queue} ${d.name}</code
                        >${typeof d.data.complaintId === 'string' ? html`<br /><a href="/aduan/${d.data.complaintId}">${d.data.complaintId}</a>` : ''}
                      </td>
                      <td class="wrap">${d.reason}</td>
                      <td>
                        ${data.mayRetry ? html`<form method="post" action="/triase/dlq/${key}/ulang">${csrfField(view)}<button type="submit">${t.retryButton}</button></form>` : ''}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }`;
  return page(view, t.triageTitle, '/triase', body);
}
