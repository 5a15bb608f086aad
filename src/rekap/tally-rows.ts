import { DAY_MS } from '../domain/local-date.js';
import { Counts } from './counts.js';
import type { RekapUnits } from './opd-key.js';
import type { ChannelRow, RekapCounts, RekapRow, WeekPoint } from './types.js';

/** Which complaint came first: (reported ms, id), or the order a caller added them in. */
export type FirstKey = readonly [number, string];

/** Whether `a` came before `b`. */
export function before(a: FirstKey, b: FirstKey): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

/** Monday of the local week of `ms`, as YYYY-MM-DD. */
export function weekOf(ms: number, offsetMs: number): string {
  const day = Math.floor((ms + offsetMs) / DAY_MS);
  const weekday = (((day + 3) % 7) + 7) % 7; // 0 = Monday (day 0 was a Thursday)
  return new Date((day - weekday) * DAY_MS).toISOString().slice(0, 10);
}

/** The rows a rekap shows, without the overdue list. */
export interface TallyRowsResult {
  rows: RekapRow[];
  unassigned: RekapCounts;
  total: RekapCounts;
  channels: ChannelRow[];
  weeks: WeekPoint[];
}

interface OpdRow {
  /** The name the row's first complaint gave (the directory's name wins when it knows the unit). */
  name: string;
  first: FirstKey;
  counts: Counts;
  formerly: Set<string>;
}

/**
 * Per-OPD, per-channel and per-week rows and the total, filled complaint by complaint
 * (src/rekap/tally.ts) or by adding stored day summaries (src/rekap/summary-merge.ts): one
 * place for how rows are keyed, named and ordered.
 */
export class TallyRows {
  private readonly byOpd = new Map<string, OpdRow>();
  private readonly byChannel = new Map<string, Counts>();
  private readonly weeks = new Map<string, WeekPoint>();
  readonly unassigned = new Counts();
  readonly total = new Counts();

  constructor(
    private readonly units?: RekapUnits,
    /** Topic words not shown in any row: the deployment's own name. */
    private readonly ownWords?: ReadonlySet<string>,
  ) {}

  /**
   * The row `key` (the unassigned row when undefined), named by the earliest complaint of
   * those that reach it (`name` as that complaint gave it, `first` its order); `held` is the
   * code the complaint holds, shown as "termasuk" when the unit was merged into `key`.
   */
  row(key: string | undefined, name: string | undefined, first: FirstKey, held: Iterable<string> = []): Counts {
    if (!key) return this.unassigned;
    const named = () => this.units?.current(key)?.name ?? (name?.trim() || key);
    let entry = this.byOpd.get(key);
    if (!entry) this.byOpd.set(key, (entry = { name: named(), first, counts: new Counts(), formerly: new Set() }));
    else if (before(first, entry.first)) Object.assign(entry, { name: named(), first });
    // Work of a unit merged away counts here, and the row says so with the old name.
    for (const code of held) if (code !== key) entry.formerly.add(this.units?.get(code)?.name ?? code);
    return entry.counts;
  }

  /** The name an OPD row has, without the units merged into it; null for none. */
  nameOf(key: string | undefined): string | null {
    return key ? (this.byOpd.get(key)?.name ?? null) : null;
  }

  /** Adds every OPD row and the unassigned row into the total: the total of rows filled without it. */
  totalFromRows(): void {
    for (const { counts } of this.byOpd.values()) this.total.merge(counts.data());
    this.total.merge(this.unassigned.data());
  }

  channel(source: string): Counts {
    let counts = this.byChannel.get(source);
    if (!counts) this.byChannel.set(source, (counts = new Counts()));
    return counts;
  }

  received(week: string, n = 1): void {
    this.week(week).received += n;
  }

  answered(week: string, n = 1): void {
    this.week(week).answered += n;
  }

  private week(week: string): WeekPoint {
    let point = this.weeks.get(week);
    if (!point) this.weeks.set(week, (point = { week, received: 0, answered: 0 }));
    return point;
  }

  result(): TallyRowsResult {
    const rows = [...this.byOpd.entries()]
      .map(([key, { name, counts, formerly }]) => ({
        key,
        name: formerly.size > 0 ? `${name} (termasuk ${[...formerly].sort().join(', ')})` : name,
        ...counts.result(this.ownWords),
      }))
      .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'id'));
    const channels = [...this.byChannel.entries()]
      .map(([source, counts]) => ({ source, ...counts.result(this.ownWords) }))
      .sort((a, b) => b.total - a.total || a.source.localeCompare(b.source));
    const weeks = [...this.weeks.values()].sort((a, b) => a.week.localeCompare(b.week));
    const unassigned = this.unassigned.result(this.ownWords);
    return { rows, unassigned, total: this.total.result(this.ownWords), channels, weeks };
  }
}
