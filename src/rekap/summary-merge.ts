import { WaitCounts, waitRows, type ApprovalWaitRow } from './approval-wait.js';
import type { DaySummary, GroupSummary } from './day-summary.js';
import { workingDaysSinceEpoch } from './open-clock.js';
import type { RekapSettings } from './settings.js';
import { TallyRows, type TallyRowsResult } from './tally-rows.js';

/** Which cases a rekap counts: those a source contributed a record to, those of one OPD row; all when absent. */
export interface SummaryFilter {
  source?: string;
  opd?: string;
}

/** An overdue complaint that may be among the longest waiting: where its record is, and roughly how long it waited. */
export interface OverdueCandidate {
  id: string;
  /** The UTC day its record is filed under. */
  day: number;
  /** Working days elapsed at the moment asked, up to rounding; the list is judged exactly on the chosen few. */
  elapsed: number;
}

/** How many of `due` (sorted by their first element) are overdue at `now`. */
function overdueBy(due: GroupSummary['due'], now: number): number {
  let lo = 0;
  let hi = due.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (due[mid]![0] <= now) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Adds day summaries into the rekap's rows at one moment: each group's counts into its OPD
 * row and its channel (the total is the rows' sum), the open complaints overdue by then, its
 * answers' waits; and gathers the overdue complaints the list is chosen from. For a trend
 * (`totalsOnly`) only the total's counts.
 */
export class SummaryMerge {
  readonly rows: TallyRows;
  private readonly waits = new Map<string | null, WaitCounts>();
  readonly candidates: OverdueCandidate[] = [];
  scanned = 0;
  unreadable = 0;
  private readonly now: number;
  private readonly workedNow: number;

  constructor(
    settings: RekapSettings,
    private readonly filter: SummaryFilter,
    now: Date,
    private readonly totalsOnly = false,
  ) {
    this.rows = new TallyRows(settings.units);
    this.now = now.getTime();
    this.workedNow = workingDaysSinceEpoch(settings.sla, this.now);
  }

  add(day: DaySummary): void {
    this.scanned += day.scanned + day.unreadable;
    this.unreadable += day.unreadable;
    for (const g of day.groups) {
      if (this.filter.source && !g.sources.includes(this.filter.source)) continue;
      if (this.filter.opd && g.key !== this.filter.opd) continue;
      const overdue = overdueBy(g.due, this.now);
      if (this.totalsOnly) {
        this.rows.total.mergeTotals(g.counts);
        this.rows.total.addOverdue(overdue);
        continue;
      }
      for (const counts of [this.rows.row(g.key ?? undefined, g.name, g.first, g.held), this.rows.channel(g.source)]) {
        counts.merge(g.counts);
        counts.addOverdue(overdue);
      }
      this.rows.received(day.week, g.counts.total);
      for (const [week, n] of g.answered) this.rows.answered(week, n);
      let wait = this.waits.get(g.key);
      if (!wait) this.waits.set(g.key, (wait = new WaitCounts()));
      wait.merge(g.wait);
      for (let i = 0; i < overdue; i++) {
        const [, start, id, filed] = g.due[i]!;
        this.candidates.push({ id, day: filed, elapsed: this.workedNow - start });
      }
      for (const [elapsed, id, filed] of g.stopped) this.candidates.push({ id, day: filed, elapsed });
    }
  }

  private summed = false;

  result(): TallyRowsResult {
    if (!this.totalsOnly && !this.summed) this.rows.totalFromRows();
    this.summed = true;
    return this.rows.result();
  }

  approvalWait(now: Date): ApprovalWaitRow[] {
    return waitRows(this.waits, now);
  }
}
