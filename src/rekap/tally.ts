import { judge, type Verdict } from '../sla/clock.js';
import type { SlaPolicy } from '../sla/policy.js';
import { countingUnit } from './count-unit.js';
import { opdKey, type RekapUnits } from './opd-key.js';
import { longestWaiting, overdueEntry } from './overdue-entry.js';
import { TallyRows, weekOf, type TallyRowsResult } from './tally-rows.js';
import type { OverdueComplaint, RekapComplaint } from './types.js';

export interface TallyOptions {
  now: Date;
  /** The SLA clock's policy: one judge for the rekap, the inbox and the due lists. */
  sla: SlaPolicy;
  /** The instance's UTC offset, for weeks in local dates. */
  offsetMs: number;
  /** How many of the longest-waiting overdue complaints to list. */
  overdueListSize: number;
  /** The OPD directory: rows by the unit holding the work today, under its name. */
  units?: RekapUnits;
  /** Topic words not shown: the deployment's own name (src/text/topic-words.ts `ownNameWords`). */
  ownWords?: ReadonlySet<string>;
}

export interface TallyResult extends TallyRowsResult {
  overdue: OverdueComplaint[];
}

/**
 * The rekap's definition, complaint by complaint: per-OPD, per-channel and per-week counters
 * for complaints fed one at a time, in reported order, judged at `now`. Memory is bounded by
 * the number of OPDs, channels, weeks, distinct topics and the overdue-list size, plus one
 * id per counted unit. The rekap itself adds stored day summaries instead
 * (src/rekap/summary-merge.ts), which must come to the same numbers.
 */
export class RekapTally {
  private readonly rows: TallyRows;
  private readonly seen = new Set<string>();
  private overdue: OverdueComplaint[] = [];

  constructor(private readonly options: TallyOptions) {
    this.rows = new TallyRows(options.units, options.ownWords);
  }

  add(c: RekapComplaint): void {
    const unit = countingUnit(c);
    if (this.seen.has(unit)) return;
    this.seen.add(unit);
    const { now, sla, offsetMs } = this.options;
    const verdict = judge(c, now, sla);
    const key = opdKey(c.opd, this.options.units);
    const held = c.opd?.code?.trim();
    const row = this.rows.row(key, c.opd?.name, [this.seen.size, ''], held ? [held] : []);
    row.add(c, verdict);
    this.rows.total.add(c, verdict);
    this.rows.channel(c.source).add(c, verdict);
    this.rows.received(weekOf(Date.parse(c.reportedAt), offsetMs));
    if (verdict.firstAnswerAt !== undefined) this.rows.answered(weekOf(verdict.firstAnswerAt, offsetMs));
    if (verdict.overdue) this.noteOverdue(c, verdict, this.rows.nameOf(key), key ?? null);
  }

  private noteOverdue(c: RekapComplaint, v: Verdict, opd: string | null, key: string | null): void {
    this.overdue.push(overdueEntry(c, v, opd, key));
    // Trimmed in batches so keeping the longest-waiting N costs O(N) memory.
    if (this.overdue.length >= 2 * this.options.overdueListSize + 1)
      this.overdue = longestWaiting(this.overdue, this.options.overdueListSize);
  }

  result(): TallyResult {
    return { ...this.rows.result(), overdue: longestWaiting(this.overdue, this.options.overdueListSize) };
  }
}
