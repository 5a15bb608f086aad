import { DAY_MS } from '../domain/local-date.js';
import { judge, type Verdict } from '../sla/clock.js';
import type { SlaPolicy } from '../sla/policy.js';
import { countingUnit } from './count-unit.js';
import { opdKey, type RekapUnits } from './opd-key.js';
import { overdueEntry } from './overdue-entry.js';
import { QuantileCounter } from './quantiles.js';
import { TopicCounter } from './topics.js';
import type { ChannelRow, OverdueComplaint, RekapComplaint, RekapCounts, RekapRow, WeekPoint } from './types.js';

const TOPICS_PER_ROW = 5;

/** The verdict flags a row counts, each under the same name in the row. */
const FLAGS = [
  'answered',
  'answeredOnTime',
  'answeredLate',
  'answeredUndated',
  'pending',
  'overdue',
  'closedWithoutAnswer',
  'notAuthority',
] as const satisfies readonly (keyof Verdict & keyof RekapCounts)[];
type Flag = (typeof FLAGS)[number];

class Counts {
  total = 0;
  private readonly flags = Object.fromEntries(FLAGS.map((f) => [f, 0])) as Record<Flag, number>;
  readonly firstAnswer = new QuantileCounter();
  readonly topics = new TopicCounter();

  add(c: RekapComplaint, v: Verdict): void {
    this.total += 1;
    for (const flag of FLAGS) if (v[flag]) this.flags[flag] += 1;
    if (v.firstAnswer !== undefined) this.firstAnswer.add(v.firstAnswer);
    this.topics.add(c);
  }

  result(): RekapCounts {
    return {
      total: this.total,
      ...this.flags,
      medianFirstAnswerWorkingDays: round2(this.firstAnswer.median()),
      p90FirstAnswerWorkingDays: round2(this.firstAnswer.quantile(0.9)),
      ...this.topics.top(TOPICS_PER_ROW),
    };
  }
}

function round2(n: number | null): number | null {
  return n === null ? null : Math.round(n * 100) / 100;
}

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
}

export interface TallyResult {
  rows: RekapRow[];
  unassigned: RekapCounts;
  total: RekapCounts;
  channels: ChannelRow[];
  weeks: WeekPoint[];
  overdue: OverdueComplaint[];
}

/** Monday of the local week of `ms`, as YYYY-MM-DD. */
function weekOf(ms: number, offsetMs: number): string {
  const day = Math.floor((ms + offsetMs) / DAY_MS);
  const weekday = (((day + 3) % 7) + 7) % 7; // 0 = Monday (day 0 was a Thursday)
  return new Date((day - weekday) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Per-OPD, per-channel and per-week counters for complaints fed one at a time, in reported
 * order. Memory is bounded by the number of OPDs, channels, weeks, distinct topics and the
 * overdue-list size, plus one id per counted unit.
 */
export class RekapTally {
  private readonly byOpd = new Map<string, { name: string; counts: Counts; formerly: Set<string> }>();
  private readonly byChannel = new Map<string, Counts>();
  private readonly weeks = new Map<string, WeekPoint>();
  private readonly unassigned = new Counts();
  private readonly total = new Counts();
  private readonly seen = new Set<string>();
  private overdue: OverdueComplaint[] = [];

  constructor(private readonly options: TallyOptions) {}

  add(c: RekapComplaint): void {
    const unit = countingUnit(c);
    if (this.seen.has(unit)) return;
    this.seen.add(unit);
    const { now, sla, offsetMs } = this.options;
    const verdict = judge(c, now, sla);
    const key = opdKey(c.opd, this.options.units);
    let row = this.unassigned;
    if (key) {
      let entry = this.byOpd.get(key);
      if (!entry)
        this.byOpd.set(
          key,
          (entry = {
            name: this.options.units?.current(key)?.name ?? (c.opd!.name?.trim() || key),
            counts: new Counts(),
            formerly: new Set(),
          }),
        );
      // Work of a unit merged away counts here, and the row says so with the old name.
      const held = c.opd!.code!.trim();
      if (held !== key) entry.formerly.add(this.options.units?.get(held)?.name ?? held);
      row = entry.counts;
    }
    row.add(c, verdict);
    this.total.add(c, verdict);
    const channel = this.byChannel.get(c.source) ?? new Counts();
    this.byChannel.set(c.source, channel);
    channel.add(c, verdict);
    this.week(weekOf(Date.parse(c.reportedAt), offsetMs)).received += 1;
    if (verdict.firstAnswerAt !== undefined) this.week(weekOf(verdict.firstAnswerAt, offsetMs)).answered += 1;
    if (verdict.overdue) this.noteOverdue(c, verdict, key ? (this.byOpd.get(key)!.name ?? null) : null, key ?? null);
  }

  private week(week: string): WeekPoint {
    let point = this.weeks.get(week);
    if (!point) this.weeks.set(week, (point = { week, received: 0, answered: 0 }));
    return point;
  }

  private noteOverdue(c: RekapComplaint, v: Verdict, opd: string | null, key: string | null): void {
    this.overdue.push(overdueEntry(c, v, opd, key));
    // Trimmed in batches so keeping the longest-waiting N costs O(N) memory.
    if (this.overdue.length >= 2 * this.options.overdueListSize + 1) this.overdue = this.longestWaiting();
  }

  private longestWaiting(): OverdueComplaint[] {
    return this.overdue
      .sort((a, b) => b.workingDaysElapsed - a.workingDaysElapsed || a.complaintId.localeCompare(b.complaintId))
      .slice(0, this.options.overdueListSize);
  }

  result(): TallyResult {
    const rows = [...this.byOpd.entries()]
      .map(([key, { name, counts, formerly }]) => ({
        key,
        name: formerly.size > 0 ? `${name} (termasuk ${[...formerly].sort().join(', ')})` : name,
        ...counts.result(),
      }))
      .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'id'));
    const channels = [...this.byChannel.entries()]
      .map(([source, counts]) => ({ source, ...counts.result() }))
      .sort((a, b) => b.total - a.total || a.source.localeCompare(b.source));
    const weeks = [...this.weeks.values()].sort((a, b) => a.week.localeCompare(b.week));
    return {
      rows,
      unassigned: this.unassigned.result(),
      total: this.total.result(),
      channels,
      weeks,
      overdue: this.longestWaiting(),
    };
  }
}
