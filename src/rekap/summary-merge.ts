import { WaitCounts, waitRows, type ApprovalWaitRow, type WaitData } from './approval-wait.js';
import type { Counts, CountsData } from './counts.js';
import { dueBy, runningDueBy, type DayMeta, type DayRows, type GroupSummary } from './day-summary.js';
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

/**
 * Adds day summaries into the rekap's rows at one moment: counts into the OPD rows and
 * channels (the total is the rows' sum), the open complaints overdue by then, the answers'
 * waits; and gathers the overdue complaints the list is chosen from. A rekap of every case
 * adds each day's `rows` part; one of a source's or an OPD's cases, the `groups` it keeps.
 * For a trend (`totalsOnly`) only the total's counts.
 */
export class SummaryMerge {
  readonly rows: TallyRows;
  private readonly waits = new Map<string | null, WaitCounts>();
  readonly candidates: OverdueCandidate[] = [];
  scanned = 0;
  unreadable = 0;
  private readonly now: number;
  private readonly workedNow: number;
  private summed = false;

  constructor(
    settings: RekapSettings,
    private readonly filter: SummaryFilter,
    now: Date,
    private readonly totalsOnly = false,
  ) {
    this.rows = new TallyRows(settings.units, settings.ownWords);
    this.now = now.getTime();
    this.workedNow = workingDaysSinceEpoch(settings.sla, this.now);
  }

  /** Whether a rekap with this filter reads the days' `groups` (else their `rows`, or for a trend only their `meta`). */
  static needsGroups(filter: SummaryFilter): boolean {
    return Boolean(filter.source || filter.opd);
  }

  private counted(meta: DayMeta): void {
    this.scanned += meta.scanned + meta.unreadable;
    this.unreadable += meta.unreadable;
  }

  private into(counts: Counts, data: CountsData | Pick<CountsData, 'total' | 'flags'>, overdueSince: number): void {
    if ('topics' in data) counts.merge(data);
    else counts.mergeTotals(data);
    counts.addOverdue(overdueSince);
  }

  private wait(key: string | null, data: WaitData): void {
    let wait = this.waits.get(key);
    if (!wait) this.waits.set(key, (wait = new WaitCounts()));
    wait.merge(data);
  }

  /** A day of a rekap of every case: its totals only for a trend, else its rows. */
  addRows(meta: DayMeta, rows: DayRows | undefined): void {
    this.counted(meta);
    if (this.totalsOnly || !rows) {
      this.into(this.rows.total, meta.total, dueBy(meta.due, this.now));
      return;
    }
    for (const r of rows.rows) {
      this.into(this.rows.row(r.key ?? undefined, r.name, r.first, r.held), r.counts, dueBy(r.due, this.now));
      this.wait(r.key, r.wait);
    }
    for (const c of rows.channels) this.into(this.rows.channel(c.source), c.counts, dueBy(c.due, this.now));
    if (meta.total.total > 0) this.rows.received(meta.week, meta.total.total);
    for (const [week, n] of meta.answered) this.rows.answered(week, n);
    for (const [due, start, id, day] of rows.running)
      if (due <= this.now) this.candidates.push({ id, day, elapsed: this.workedNow - start });
    for (const [elapsed, id, day] of rows.stopped) this.candidates.push({ id, day, elapsed });
  }

  /** A day of a rekap of some cases: the groups the filter takes. */
  addGroups(meta: DayMeta, groups: readonly GroupSummary[]): void {
    this.counted(meta);
    for (const g of groups) {
      if (this.filter.source && !g.sources.includes(this.filter.source)) continue;
      if (this.filter.opd && g.key !== this.filter.opd) continue;
      const since = runningDueBy(g.due, this.now) - runningDueBy(g.due, meta.at);
      if (this.totalsOnly) {
        this.into(this.rows.total, g.counts, since);
        continue;
      }
      this.into(this.rows.row(g.key ?? undefined, g.name, g.first, g.held), g.counts, since);
      this.into(this.rows.channel(g.source), g.counts, since);
      this.rows.received(meta.week, g.counts.total);
      for (const [week, n] of g.answered) this.rows.answered(week, n);
      this.wait(g.key, g.wait);
      for (const [due, start, id, day] of g.due)
        if (due <= this.now) this.candidates.push({ id, day, elapsed: this.workedNow - start });
      for (const [elapsed, id, day] of g.stopped) this.candidates.push({ id, day, elapsed });
    }
  }

  result(): TallyRowsResult {
    if (!this.totalsOnly && !this.summed) this.rows.totalFromRows();
    this.summed = true;
    return this.rows.result();
  }

  approvalWait(now: Date): ApprovalWaitRow[] {
    return waitRows(this.waits, now);
  }
}
