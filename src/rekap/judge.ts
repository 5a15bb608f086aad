import type { WorkingCalendar } from '../domain/working-days.js';
import { hasOpd } from './opd-key.js';
import type { RekapComplaint, TimeLimits } from './types.js';

export interface Verdict {
  answered: boolean;
  closedWithoutAnswer: boolean;
  pending: boolean;
  late: boolean;
  notAuthority: boolean;
  /** Working days from report to `now` for a pending complaint; 0 otherwise. */
  elapsed: number;
  /** The limit that applies while it is pending. */
  limit: number;
  /** Working days from report to the first tindak lanjut, when there is one. */
  firstAnswer?: number;
}

/**
 * Where one complaint stands against the LAPOR time limits at `now`. Without an OPD the
 * complaint still waits for routing, so the disposition limit applies; with one, the OPD's
 * follow-up limit comes on top, because the sources do not tell when it was disposed.
 */
export function judge(c: RekapComplaint, now: Date, calendar: WorkingCalendar, limits: TimeLimits): Verdict {
  const reportedAt = new Date(c.reportedAt);
  // Times may carry different offsets, so they are compared as instants, not as strings.
  let firstAnswerAt: number | undefined;
  for (const r of c.responses) {
    if (r.kind === 'tindak_lanjut') firstAnswerAt = Math.min(firstAnswerAt ?? Infinity, Date.parse(r.at));
  }
  // Some sources close or mark a complaint answered without sending the answer's text.
  const answered = firstAnswerAt !== undefined || c.status === 'responded' || c.status === 'closed';
  const closedWithoutAnswer = !answered && (c.status === 'archived' || c.status === 'rejected');
  const pending = !answered && !closedWithoutAnswer;
  const limit = hasOpd(c.opd) ? limits.disposeWorkingDays + limits.followUpWorkingDays : limits.disposeWorkingDays;
  const elapsed = pending ? calendar.workingDaysBetween(reportedAt, now) : 0;
  return {
    answered,
    closedWithoutAnswer,
    pending,
    // Fractions of a day are floating point: a complaint exactly at its limit is not late.
    late: pending && elapsed - limit > 1e-9,
    notAuthority: c.status === 'not_authority',
    elapsed,
    limit,
    ...(firstAnswerAt !== undefined ? { firstAnswer: calendar.workingDaysBetween(reportedAt, new Date(firstAnswerAt)) } : {}),
  };
}
