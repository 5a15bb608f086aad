import { INBOX_STATES } from '../../workspace/states.js';
import type { InboxRow } from '../../workspace/workspace.js';
import { shownOpdName } from '../../opd/shown-name.js';
import { html, type SafeHtml } from './html.js';
import { at, clockText, page, textOf, titleOf, type WorkspaceView } from './workspace-view.js';

export function inboxPage(
  view: WorkspaceView,
  data: {
    rows: InboxRow[];
    scanned: number;
    more: number;
    whole: boolean;
    state?: string;
    opd?: string;
    /** Today's units of the directory, for the OPD filter of a view of every OPD. */
    units: readonly { code: string; name: string }[];
    mayReadSecret: (row: InboxRow) => boolean;
  },
): string {
  const t = textOf(view);
  const { user } = view.account;
  const title = user.opd ? t.inboxTitle(user.opd) : t.inboxAll;
  const options = [
    html`<option value="">${t.allStates}</option>`,
    ...INBOX_STATES.map(
      (s) => html`<option value="${s}" ${s === data.state ? html` selected` : ''}>${t.states[s]}</option>`,
    ),
  ];
  const rows = data.rows.map(
    (r) =>
      html`<tr data-state="${r.state}">
        <td class="t" data-label="${t.colReported}">${at(view, r.complaint.reportedAt)}</td>
        <td data-label="${t.colChannel}">
          ${r.complaint.source}${r.laporNumber ? html`<br /><span class="muted">LAPOR ${r.laporNumber}</span>` : ''}
        </td>
        <td class="wrap" data-label="${t.colTitle}">
          <a href="/aduan/${r.complaint.id}">${titleOf(t, r.complaint, data.mayReadSecret(r))}</a
          ><br /><span class="muted"
            >${r.complaint.opd ? shownOpdName(r.complaint.opd, view.units) : t.noOpdYet}</span
          >
        </td>
        <td data-label="${t.colState}"><span class="badge ${r.state}">${t.states[r.state] ?? r.state}</span></td>
        <td class="n clock${r.verdict.overdue ? ' late' : ''}" data-label="${t.colClock}">
          ${clockText(view, r.verdict)}
        </td>
      </tr>`,
  );
  const body = html`<h1>${title}</h1>
    <form method="get" action="/kotak-masuk">
      <label
        >${t.stateLabel}<select name="state">
          ${options}
        </select></label
      >
      ${user.opd ? '' : opdFilter(t.allOpds, t.opdLabel, data.units, data.opd)}
      <button type="submit">${t.show}</button>
    </form>
    ${
      data.rows.length === 0
        ? html`<p>${t.none}</p>`
        : html`<div class="scroll cards-on-phone">
            <table id="kotak-masuk">
              <thead>
                <tr>
                  <th>${t.colReported}</th>
                  <th>${t.colChannel}</th>
                  <th>${t.colTitle}</th>
                  <th>${t.colState}</th>
                  <th class="n">${t.colClock}</th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>
          </div>`
    }
    ${data.more > 0 ? html`<p class="notes">${t.moreRows(data.rows.length, data.more)}</p>` : ''}
    ${data.rows.length > 1 ? html`<p class="notes">${t.orderNote}</p>` : ''}
    <p class="notes">${data.whole ? t.scanNoteOpd(data.scanned) : t.scanNote(data.scanned)}</p>`;
  return page(view, title, '/kotak-masuk', body);
}

/** The OPD filter: every unit of today's directory by name (its code is what the query carries; a name also matches). */
function opdFilter(
  all: string,
  label: string,
  units: readonly { code: string; name: string }[],
  chosen: string | undefined,
): SafeHtml {
  const options = units.map(
    (u) =>
      html`<option value="${u.code}" ${chosen === u.code || chosen === u.name ? html` selected` : ''}>${u.name}</option>`,
  );
  return html`<label
    >${label}<select name="opd">
      <option value="">${all}</option>
      ${options}
    </select></label
  >`;
}
