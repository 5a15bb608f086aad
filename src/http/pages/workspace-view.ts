import type { Complaint } from '../../domain/complaint.js';
import type { OpdLookup } from '../../opd/directory.js';
import type { AuditFields } from '../../i18n/audit-messages.js';
import { messages } from '../../i18n/messages.js';
import type { WorkspaceMessages } from '../../i18n/workspace-messages.js';
import { systemApprovalOf } from '../../push/system-approval.js';
import type { Verdict } from '../../sla/clock.js';
import { days } from '../../rekap/labels.js';
import { localTime } from './format.js';
import { html, type SafeHtml } from './html.js';
import { layout, type PageAccount } from './layout.js';

/** What every workspace page needs: who is looking, in which language and zone. */
export interface WorkspaceView {
  instanceName: string;
  timeZone: string;
  /** The OPD directory, for the names of the units complaints are with. */
  units: Pick<OpdLookup, 'current'>;
  account: PageAccount;
}

export function textOf(view: WorkspaceView): WorkspaceMessages {
  return messages(view.account.lang).workspace;
}

/** An audit entry's who, action and reason cells, in the reader's language (the codes kept on the cells). */
export function auditCells(view: WorkspaceView, fields: AuditFields): SafeHtml {
  const words = messages(view.account.lang).audit;
  return html`<td data-who="${fields.who}">${words.who(fields.who ?? '')}</td>
    <td data-what="${fields.what}">${words.action(fields.what ?? '')}</td>
    <td class="wrap">${words.why(fields)}</td>`;
}

export function page(view: WorkspaceView, title: string, current: string, body: SafeHtml): string {
  return layout({ title, instanceName: view.instanceName, current, body, account: view.account });
}

export function at(view: WorkspaceView, iso: string | undefined): string {
  return localTime(iso, view.timeZone);
}

/** A complaint's title for lists: never the words of a rahasia complaint unless this user may read them. */
export function titleOf(t: WorkspaceMessages, complaint: Complaint, mayReadSecret: boolean): string {
  if (complaint.rahasia && !mayReadSecret) return t.secretHidden;
  return complaint.title?.trim() || complaint.body.slice(0, 90) || t.noTitle;
}

/** A push write's field (`forward|lapor`, `answer|lapor|5010653`) as people read it; the field where its kind is unknown. */
export function sendLabel(t: WorkspaceMessages, field: string): string {
  const [kind = '', ...where] = field.split('|');
  return Object.hasOwn(t.sendKinds, kind) ? t.sendKinds[kind]!(where.join(' ')) : field.replace(/\|/g, ' ');
}

/** Who approved an answer: a person's name, or why no person had to, in the reader's words. */
export function approverOf(t: WorkspaceMessages, approvedBy: string): string {
  const system = systemApprovalOf(approvedBy);
  if (!system) return approvedBy;
  return system.kind === 'noneNeeded' ? t.approvedWithout.noneNeeded() : t.approvedWithout[system.kind](system.source);
}

/** Where a catalogue sentence puts the time, found again in what it returns. */
const SLOT = '\u0000';

/** The SLA clock for people: working days run of the limit, then the due date, or that it stands still. */
export function clockText(view: WorkspaceView, v: Verdict): SafeHtml {
  const t = textOf(view);
  // A line may break between the words, never inside a date and time.
  const when = (say: (time: string) => string, iso: string) => {
    const [before = '', after = ''] = say(SLOT).split(SLOT);
    return html`${before}<span class="nowrap">${at(view, iso)}</span>${after}`;
  };
  if (v.pending) {
    const ran = t.clock(days(v.elapsed, view.account.lang), days(v.limit, view.account.lang));
    return html`${ran} · ${v.paused ? t.paused : v.dueAt ? when(t.dueAt, v.dueAt) : ''}`;
  }
  return v.autoCloseAt ? when(t.autoCloseAt, v.autoCloseAt) : html`–`;
}

export function duration(t: WorkspaceMessages, ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return t.minutes(minutes);
  const hours = Math.round(minutes / 60);
  return hours < 48 ? t.hours(hours) : t.days(Math.round(hours / 24));
}

export function flash(message: string | undefined): SafeHtml | string {
  return message ? html`<p class="notice" role="status">${message}</p>` : '';
}

export function csrfField(view: WorkspaceView): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${view.account.csrf ?? ''}" />`;
}
