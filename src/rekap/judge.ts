import type { WorkingCalendar } from '../domain/working-days.js';
import { hasOpd } from './opd-key.js';
import type { RekapComplaint, TimeLimits } from './types.js';

export interface Verdict {
  answered: boolean;
  /** Answered, first tindak lanjut within the limit. */
  answeredOnTime: boolean;
  /** Answered, first tindak lanjut after the limit. */
  answeredLate: boolean;
  /** Answered by status only, with no tindak lanjut time to judge. */
  answeredUndated: boolean;
  closedWithoutAnswer: boolean;
  pending: boolean;
  /** Pending past its limit. */
  overdue: boolean;
  notAuthority: boolean;
  /** Working days from report to `now` for a pending complaint; 0 otherwise. */
  elapsed: number;
  /** The limit that applies: disposition alone without an OPD, disposition + follow-up with one. */
  limit: number;
  /** Working days from report to the first tindak lanjut, when there is one. */
  firstAnswer?: number;
  /** When the first tindak lanjut was given (ms), when there is one. */
  firstAnswerAt?: number;
}

// Fractions of a day are floating point: a complaint exactly at its limit is not late.
const EPSILON = 1e-9;

/**
 * Where one complaint stands against the LAPOR time limits at `now`. Without an OPD the
 * complaint still waits for routing, so the disposition limit applies; with one, the OPD's
 * follow-up limit comes on top, because the sources do not tell when it was disposed. An
 * answer is on time when the first tindak lanjut came within that limit.
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
  // An answer means an OPD handled it, so an answered complaint is judged on the full limit.
  const answerLimit = limits.disposeWorkingDays + limits.followUpWorkingDays;
  const elapsed = pending ? calendar.workingDaysBetween(reportedAt, now) : 0;
  const firstAnswer =
    firstAnswerAt !== undefined ? calendar.workingDaysBetween(reportedAt, new Date(firstAnswerAt)) : undefined;
  return {
    answered,
    answeredOnTime: firstAnswer !== undefined && firstAnswer - answerLimit <= EPSILON,
    answeredLate: firstAnswer !== undefined && firstAnswer - answerLimit > EPSILON,
    answeredUndated: answered && firstAnswer === undefined,
    closedWithoutAnswer,
    pending,
    overdue: pending && elapsed - limit > EPSILON,
    notAuthority: c.status === 'not_authority',
    elapsed,
    limit,
    ...(firstAnswer !== undefined ? { firstAnswer, firstAnswerAt: firstAnswerAt! } : {}),
  };
}
