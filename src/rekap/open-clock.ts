import { judge, type Verdict } from '../sla/clock.js';
import type { SlaPolicy } from '../sla/policy.js';
import type { RekapComplaint } from './types.js';

/** How far ahead a complaint's first overdue instant is looked for. */
const HORIZON_MS = 5 * 366 * 86_400_000;

/** The instants [from, until) a judgement made at one moment holds for; null for no bound. */
export interface Validity {
  from: number | null;
  until: number | null;
}

/**
 * Where an open (pending) complaint stands against its limit at any moment of a validity
 * window, so a summary made at one moment answers for another:
 * - running: its clock runs; overdue from `overdueFrom` on (null: never within the horizon),
 *   and its working days elapsed at `t` are W(t) − `start` (W: working days since 1970), so
 *   open complaints rank by `start` whatever the moment;
 * - stopped: its clock stands still ("tunda", or inside a recorded pause): overdue or not,
 *   `elapsed` working days, for the whole window.
 */
export type OpenClock =
  | { kind: 'running'; overdueFrom: number | null; start: number }
  | { kind: 'stopped'; overdue: boolean; elapsed: number };

/** Working days from 1970 to `ms` on the policy's calendar. */
export function workingDaysSinceEpoch(policy: SlaPolicy, ms: number): number {
  return policy.calendar.workingDaysBetween(new Date(0), new Date(ms));
}

function narrow(validity: Validity, at: number, now: number): void {
  if (at <= now) validity.from = validity.from === null ? at : Math.max(validity.from, at);
  else validity.until = validity.until === null ? at : Math.min(validity.until, at);
}

/** The pause spans the clock reads, as `judge` clamps them to the report (recorded ones only). */
function recordedSpans(c: RekapComplaint, reported: number): { from: number; to: number }[] {
  return (c.pauses ?? [])
    .map((p) => ({
      from: Math.max(Date.parse(p.from), reported),
      to: p.to === undefined ? Infinity : Date.parse(p.to),
    }))
    .filter((s) => s.to > s.from);
}

/**
 * The first instant (ms) `judge` calls the complaint overdue, found on the clock itself:
 * overdue only grows with time while the complaint does not change, so a bisection between
 * an instant before and one after its due date finds it exactly; null when not within the horizon.
 */
function overdueFrom(c: RekapComplaint, policy: SlaPolicy, reported: number, now: number): number | null {
  const overdueAt = (ms: number) => judge(c, new Date(ms), policy).overdue;
  const far = Math.max(reported, now) + HORIZON_MS;
  const atFar = judge(c, new Date(far), policy);
  if (!atFar.overdue) return null;
  let lo = reported - 1;
  let hi = far;
  const due = atFar.dueAt === undefined ? undefined : Date.parse(atFar.dueAt);
  if (due !== undefined) {
    if (!overdueAt(due - 1)) lo = Math.max(lo, due - 1);
    if (overdueAt(due + 1)) hi = due + 1;
    else {
      // A due date at the end of a working day: overdue once working time runs again.
      const resumes = policy.calendar.addWorkingDays(new Date(due + 1), 1e-6).getTime();
      if (resumes > lo && overdueAt(resumes)) hi = resumes;
    }
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (overdueAt(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * The clock of an open complaint judged at `now` (`verdict`), and the window it holds for
 * (narrowed in `validity`): a pause beginning or ending, or the report itself, is a bound.
 */
export function openClock(
  c: RekapComplaint,
  verdict: Verdict,
  policy: SlaPolicy,
  now: number,
  validity: Validity,
): OpenClock {
  const reported = Date.parse(c.reportedAt);
  const spans = recordedSpans(c, reported);
  narrow(validity, reported, now);
  for (const s of spans) {
    narrow(validity, s.from, now);
    if (s.to !== Infinity) narrow(validity, s.to, now);
  }
  if (now >= reported && spans.some((s) => s.from <= now && now < s.to))
    return { kind: 'stopped', overdue: verdict.overdue, elapsed: verdict.elapsed };
  let start = workingDaysSinceEpoch(policy, reported);
  for (const s of spans) if (s.to <= now) start += policy.calendar.workingDaysBetween(new Date(s.from), new Date(s.to));
  return { kind: 'running', overdueFrom: overdueFrom(c, policy, reported, now), start };
}

/**
 * An answered complaint is judged the same at any moment, except one still "tunda" without a
 * recorded pause whose first answer is dated after the moment asked (the clock's pause then
 * starts at that moment): such a judgement holds for that moment only.
 */
export function answeredValidity(c: RekapComplaint, verdict: Verdict, now: number, validity: Validity): void {
  if (c.status !== 'postponed' || verdict.firstAnswerAt === undefined) return;
  if ((c.pauses ?? []).at(-1)?.to === undefined && (c.pauses ?? []).length > 0) return;
  if (verdict.firstAnswerAt <= now) narrow(validity, verdict.firstAnswerAt, now);
  else {
    narrow(validity, now, now);
    narrow(validity, now + 1, now);
  }
}
