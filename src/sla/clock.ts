import type { Complaint, Response } from '../domain/complaint.js';
import { hasOpd, limitsFor, type SlaPolicy, type TimeLimits } from './policy.js';

/** The fields of a complaint the clock reads. */
export type SlaComplaint = Pick<Complaint, 'reportedAt' | 'status'> &
  Partial<Pick<Complaint, 'opd' | 'classification' | 'pauses'>> & {
    /** Only kind and time are read. */
    responses: (Pick<Response, 'kind' | 'at'> & Partial<Response>)[];
  };

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
  /** Pending past its due date. */
  overdue: boolean;
  /** Pending and "tunda" now: the clock stands still, there is no due date until it resumes. */
  paused: boolean;
  notAuthority: boolean;
  /** Working days the clock ran from report to `now` for a pending complaint (pauses left out); 0 otherwise. */
  elapsed: number;
  /** Working days the clock stood still ("tunda") up to `now` or the first answer. */
  pausedWorkingDays: number;
  /** The limit that applies: disposition alone without an OPD, disposition + follow-up with one. */
  limit: number;
  /** The limits this complaint is held to (defaults or an override). */
  limits: TimeLimits;
  /** When the limit runs out (ISO), pauses added; absent while paused. */
  dueAt?: string;
  /** LAPOR's automatic close: `autoCloseWorkingDays` after the latest tindak lanjut, while not closed. */
  autoCloseAt?: string;
  /** Working days from report to the first tindak lanjut (pauses left out), when there is one. */
  firstAnswer?: number;
  /** When the first tindak lanjut was given (ms), when there is one. */
  firstAnswerAt?: number;
}

// Fractions of a day are floating point: a complaint exactly at its limit is not late.
const EPSILON = 1e-9;

interface Span {
  from: number;
  to: number;
}

/** The spans the clock stood still, from the report on; "tunda" with no recorded start stops it now. */
function pauseSpans(c: SlaComplaint, reported: number, now: number): Span[] {
  const spans = (c.pauses ?? []).map((p) => ({
    from: Math.max(Date.parse(p.from), reported),
    to: p.to === undefined ? Infinity : Date.parse(p.to),
  }));
  if (c.status === 'postponed' && spans.at(-1)?.to !== Infinity)
    spans.push({ from: Math.max(now, reported), to: Infinity });
  return spans.filter((s) => s.to > s.from).sort((a, b) => a.from - b.from);
}

/**
 * The SLA clock: where one complaint stands against the LAPOR time limits at `now`. This is
 * the one place that decides due dates, lateness and pauses; the rekap, the inbox, the due
 * lists and the metrics all ask it.
 *
 * Without an OPD the complaint still waits for routing, so the disposition limit applies;
 * with one, the OPD's follow-up limit comes on top, because the sources do not tell when it
 * was disposed. An answer is on time when the first tindak lanjut came within that limit.
 * While the status is "tunda" the clock stands still and runs on from there when work
 * resumes, so the due date moves by the working days it was postponed.
 */
export function judge(c: SlaComplaint, now: Date, policy: SlaPolicy): Verdict {
  const { calendar } = policy;
  const reported = Date.parse(c.reportedAt);
  // Times may carry different offsets, so they are compared as instants, not as strings.
  let firstAnswerAt: number | undefined;
  let lastAnswerAt: number | undefined;
  for (const r of c.responses) {
    if (r.kind !== 'tindak_lanjut') continue;
    const at = Date.parse(r.at);
    firstAnswerAt = Math.min(firstAnswerAt ?? Infinity, at);
    lastAnswerAt = Math.max(lastAnswerAt ?? -Infinity, at);
  }
  // Some sources close or mark a complaint answered without sending the answer's text.
  const answered = firstAnswerAt !== undefined || c.status === 'responded' || c.status === 'closed';
  const closedWithoutAnswer = !answered && (c.status === 'archived' || c.status === 'rejected');
  const pending = !answered && !closedWithoutAnswer;
  const limits = limitsFor(policy, c);
  const full = limits.disposeWorkingDays + limits.followUpWorkingDays;
  // An answer means an OPD handled it, so an answered complaint is judged on the full limit.
  const limit = answered || hasOpd(c.opd) ? full : limits.disposeWorkingDays;
  const spans = pauseSpans(c, reported, now.getTime());

  const between = (from: number, to: number) => calendar.workingDaysBetween(new Date(from), new Date(to));
  const stood = (to: number) =>
    spans.reduce((sum, s) => (s.from < to ? sum + between(s.from, Math.min(s.to, to)) : sum), 0);
  const ran = (to: number) => between(reported, to) - stood(to);

  // Walk the running stretches between pauses until the limit is used up.
  let dueAt: number | undefined;
  let start = reported;
  let left = limit;
  for (const s of [...spans, { from: Infinity, to: Infinity }]) {
    const stretch = s.from === Infinity ? Infinity : between(start, s.from);
    if (stretch - left >= -EPSILON) {
      dueAt = calendar.addWorkingDays(new Date(start), left).getTime();
      break;
    }
    left -= stretch;
    if (s.to === Infinity) break;
    start = Math.max(start, s.to);
  }

  const end = firstAnswerAt ?? now.getTime();
  const elapsed = pending ? ran(now.getTime()) : 0;
  const firstAnswer = firstAnswerAt !== undefined ? ran(firstAnswerAt) : undefined;
  const paused = pending && c.status === 'postponed' && dueAt === undefined;
  const closed = c.status === 'closed' || c.status === 'archived' || c.status === 'rejected';
  return {
    answered,
    answeredOnTime: firstAnswer !== undefined && firstAnswer - full <= EPSILON,
    answeredLate: firstAnswer !== undefined && firstAnswer - full > EPSILON,
    answeredUndated: answered && firstAnswer === undefined,
    closedWithoutAnswer,
    pending,
    overdue: pending && !paused && elapsed - limit > EPSILON,
    paused,
    notAuthority: c.status === 'not_authority',
    elapsed,
    pausedWorkingDays: stood(end),
    limit,
    limits,
    ...(dueAt !== undefined ? { dueAt: new Date(dueAt).toISOString() } : {}),
    ...(lastAnswerAt !== undefined && !closed
      ? { autoCloseAt: calendar.addWorkingDays(new Date(lastAnswerAt), policy.autoCloseWorkingDays).toISOString() }
      : {}),
    ...(firstAnswer !== undefined ? { firstAnswer, firstAnswerAt: firstAnswerAt! } : {}),
  };
}
