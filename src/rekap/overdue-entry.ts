import type { Verdict } from '../sla/clock.js';
import type { OverdueComplaint, RekapComplaint } from './types.js';

/** A complaint as the overdue and due lists show it, under the OPD name its caller chose. */
export function overdueEntry(c: RekapComplaint, v: Verdict, opd: string | null, key: string | null): OverdueComplaint {
  return {
    complaintId: c.id,
    source: c.source,
    externalId: c.externalId,
    opd,
    opdKey: key,
    // Confidential complaints are counted, never shown.
    title: c.rahasia ? null : (c.title ?? null),
    rahasia: c.rahasia,
    reportedAt: c.reportedAt,
    workingDaysElapsed: Math.round(v.elapsed * 100) / 100,
    limitWorkingDays: v.limit,
  };
}

/** The `size` longest-waiting of these, longest first (ties by complaint id). */
export function longestWaiting(entries: OverdueComplaint[], size: number): OverdueComplaint[] {
  return entries
    .sort((a, b) => b.workingDaysElapsed - a.workingDaysElapsed || a.complaintId.localeCompare(b.complaintId))
    .slice(0, size);
}
