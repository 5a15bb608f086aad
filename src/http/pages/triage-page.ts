import type { Complaint } from '../../domain/complaint.js';
import { ASSIGNABLE_TRIAGE_KINDS, type DeadLetter, type TriageEntry } from '../../store/records.js';
import { messages } from '../../i18n/messages.js';
import { shownTriageValue } from '../../i18n/triage-messages.js';
import { knownNumberOf } from '../../workspace/workspace.js';
import { html, type SafeHtml } from './html.js';
import { at, csrfField, flash, page, textOf, titleOf, type WorkspaceView } from './workspace-view.js';

/** A unit an operator may assign: its directory code and the name people know. */
export interface AssignableUnit {
  code: string;
  name: string;
}

export interface TriagePageData {
  triage: [string, TriageEntry][];
  /** The complaints the entries name, by id (one gone since is shown by its id). */
  complaints: ReadonlyMap<string, Complaint>;
  mayReadSecret: (complaint: Complaint) => boolean;
  deadLetters: [string, DeadLetter][];
  mayRetry: boolean;
  /** The units of today's directory, when this user may assign an OPD and mark entries reviewed (else no forms). */
  assignable?: readonly AssignableUnit[];
  notice?: string;
}

/** The complaint as people find it: its title (unless secret to this reader) and its number on LAPOR or its channel. */
function complaintCell(view: WorkspaceView, data: TriagePageData, id: string): SafeHtml {
  const c = data.complaints.get(id);
  if (!c) return html`<a href="/aduan/${id}">${id}</a>`;
  return html`<a href="/aduan/${id}">${titleOf(textOf(view), c, data.mayReadSecret(c))}</a
    ><br /><span class="muted">${knownNumberOf(c)}</span>`;
}

const pct = (p: number) => `${Math.round(p * 100)}%`;

/**
 * One click per suggestion, or any other unit of the directory: each form posts the
 * directory code to the one assignment path (the routing service), in the user's name.
 */
function assignForms(view: WorkspaceView, entry: TriageEntry, units: readonly AssignableUnit[]): SafeHtml {
  const t = textOf(view);
  const action = `/triase/${entry.complaintId}/tetapkan`;
  const nameOf = (code: string) => units.find((u) => u.code === code)?.name ?? code;
  const suggested = (entry.suggestions ?? []).map(
    (s) =>
      html`<form method="post" action="${action}" class="saran" data-opd="${s.opd}">
        ${csrfField(view)}<input type="hidden" name="opd" value="${s.opd}" /><button type="submit">
          ${nameOf(s.opd)} <span class="muted">${pct(s.confidence)}</span>
        </button>
      </form>`,
  );
  return html`${suggested}
    <form method="post" action="${action}" class="lain">
      ${csrfField(view)}<label
        >${t.assignOther}<select name="opd" required>
          <option value=""></option>
          ${units.map((u) => html`<option value="${u.code}">${u.name}</option>`)}
        </select></label
      ><button type="submit" class="plain">${t.assignButton}</button>
    </form>`;
}

/** Entries alike: the same kind of question about the same value from the same channel. */
const alikeKey = (e: TriageEntry) => JSON.stringify([e.kind, e.source, e.value]);

/** "Reviewed" for this entry, and for every one alike when the page lists more. */
function reviewForm(view: WorkspaceView, id: string, entry: TriageEntry, alike: number): SafeHtml {
  const t = textOf(view);
  return html`<form method="post" action="/triase/tinjau" class="tinjau">
    ${csrfField(view)}<input type="hidden" name="entry" value="${id}" /><input
      type="hidden"
      name="seenAt"
      value="${entry.at}"
    /><button type="submit" name="scope" value="entry" class="plain">${t.reviewButton}</button>
    ${alike > 1 ? html`<button type="submit" name="scope" value="same" class="plain">${t.reviewSameButton(alike)}</button>` : ''}
  </form>`;
}

/** What waits for an operator: unmapped values and unknown OPDs (triage), and work that gave up (dead letters). */
export function triagePage(view: WorkspaceView, data: TriagePageData): string {
  const t = textOf(view);
  const units = data.assignable;
  const alike = new Map<string, number>();
  for (const [, e] of data.triage) alike.set(alikeKey(e), (alike.get(alikeKey(e)) ?? 0) + 1);
  const action = (id: string, e: TriageEntry, units: readonly AssignableUnit[]) =>
    ASSIGNABLE_TRIAGE_KINDS.has(e.kind)
      ? assignForms(view, e, units)
      : reviewForm(view, id, e, alike.get(alikeKey(e)) ?? 1);
  const body = html`<h1>${t.triageTitle}</h1>
    ${flash(data.notice)}
    <p class="muted">${t.reviewHint}</p>
    ${
      data.triage.length === 0
        ? html`<p>${t.triageNone}</p>`
        : html`<div class="scroll">
            <table id="triase">
              <thead>
                <tr>
                  <th>${t.colAt}</th>
                  <th>${t.colChannel}</th>
                  <th>${t.colQuestion}</th>
                  <th>${t.colReason}</th>
                  <th>${t.complaintTitle}</th>
                  ${units ? html`<th>${t.assignLabel}</th>` : ''}
                </tr>
              </thead>
              <tbody>
                ${data.triage.map(
                  ([id, e]) =>
                    html`<tr data-complaint="${e.complaintId}" data-kind="${e.kind}">
                      <td class="t">${at(view, e.at)}</td>
                      <td>${e.source}</td>
                      <td>
                        ${messages(view.account.lang).triage.kind(e.kind)}${shownTriageValue(e) !== undefined ? html`<br /><code>${e.value}</code>` : ''}
                      </td>
                      <td class="wrap">${messages(view.account.lang).triage.reason(e)}</td>
                      <td class="wrap">${complaintCell(view, data, e.complaintId)}</td>
                      ${units ? html`<td>${action(id, e, units)}</td>` : ''}
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
