import type { WorkingCalendar } from '../domain/working-days.js';
import { judge, type Verdict } from './judge.js';
import { MedianCounter } from './median.js';
import { opdKey, type RekapUnits } from './opd-key.js';
import type { LateComplaint, RekapComplaint, RekapCounts, RekapRow, TimeLimits } from './types.js';

class Counts {
  total = 0;
  answered = 0;
  pending = 0;
  late = 0;
  closedWithoutAnswer = 0;
  notAuthority = 0;
  readonly firstAnswer = new MedianCounter();

  add(v: Verdict): void {
    this.total += 1;
    if (v.answered) this.answered += 1;
    if (v.pending) this.pending += 1;
    if (v.late) this.late += 1;
    if (v.closedWithoutAnswer) this.closedWithoutAnswer += 1;
    if (v.notAuthority) this.notAuthority += 1;
    if (v.firstAnswer !== undefined) this.firstAnswer.add(v.firstAnswer);
  }

  result(): RekapCounts {
    const { total, answered, pending, late, closedWithoutAnswer, notAuthority } = this;
    return { total, answered, pending, late, closedWithoutAnswer, notAuthority, medianFirstAnswerWorkingDays: this.firstAnswer.median() };
  }
}

export interface TallyOptions {
  now: Date;
  calendar: WorkingCalendar;
  limits: TimeLimits;
  /** How many of the longest-waiting late complaints to list. */
  lateListSize: number;
  /** The OPD directory: rows by the unit holding the work today, under its name. */
  units?: RekapUnits;
}

export interface TallyResult {
  rows: RekapRow[];
  unassigned: RekapCounts;
  total: RekapCounts;
  late: LateComplaint[];
}

/**
 * Per-OPD counters for complaints fed one at a time. Memory is bounded by the number of
 * OPDs and the late-list size, never by the number of complaints.
 */
export class RekapTally {
  private readonly byOpd = new Map<string, { name: string; counts: Counts; formerly: Set<string> }>();
  private readonly unassigned = new Counts();
  private readonly total = new Counts();
  private late: LateComplaint[] = [];

  constructor(private readonly options: TallyOptions) {}

  add(c: RekapComplaint): void {
    const { now, calendar, limits } = this.options;
    const verdict = judge(c, now, calendar, limits);
    const key = opdKey(c.opd, this.options.units);
    let row = this.unassigned;
    if (key) {
      let entry = this.byOpd.get(key);
      if (!entry) this.byOpd.set(key, (entry = { name: this.options.units?.current(key)?.name ?? (c.opd!.name?.trim() || key), counts: new Counts(), formerly: new Set() }));
      // Work of a unit merged away counts here, and the row says so with the old name.
      const held = c.opd!.code!.trim();
      if (held !== key) entry.formerly.add(this.options.units?.get(held)?.name ?? held);
      row = entry.counts;
    }
    row.add(verdict);
    this.total.add(verdict);
    if (verdict.late) this.noteLate(c, verdict, key ? this.byOpd.get(key)!.name : null);
  }

  private noteLate(c: RekapComplaint, v: Verdict, opd: string | null): void {
    this.late.push({
      complaintId: c.id,
      source: c.source,
      externalId: c.externalId,
      opd,
      // Confidential complaints are counted, never shown.
      title: c.rahasia ? null : (c.title ?? null),
      rahasia: c.rahasia,
      reportedAt: c.reportedAt,
      workingDaysElapsed: Math.round(v.elapsed * 100) / 100,
      limitWorkingDays: v.limit,
    });
    // Trimmed in batches so keeping the longest-waiting N costs O(N) memory.
    if (this.late.length >= 2 * this.options.lateListSize + 1) this.late = this.longestWaiting();
  }

  private longestWaiting(): LateComplaint[] {
    return this.late.sort((a, b) => b.workingDaysElapsed - a.workingDaysElapsed || a.complaintId.localeCompare(b.complaintId)).slice(0, this.options.lateListSize);
  }

  result(): TallyResult {
    const rows = [...this.byOpd.entries()]
      .map(([key, { name, counts, formerly }]) => ({ key, name: formerly.size > 0 ? `${name} (termasuk ${[...formerly].sort().join(', ')})` : name, ...counts.result() }))
      .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'id'));
    return { rows, unassigned: this.unassigned.result(), total: this.total.result(), late: this.longestWaiting() };
  }
}
