import { DAY_MS } from '../domain/local-date.js';
import { judge } from '../sla/clock.js';
import { dayOf, inReportedOrder, type TimedRecord } from '../store/rekap-records.js';
import type { Store } from '../store/store.js';
import { WaitCounts, type WaitData } from './approval-wait.js';
import { caseViewsOf, type CaseView } from './case-view.js';
import { Counts, type CountsData } from './counts.js';
import { answeredValidity, openClock, type Validity } from './open-clock.js';
import { opdKey } from './opd-key.js';
import type { RekapSettings } from './settings.js';
import { before, weekOf } from './tally-rows.js';

/**
 * The rekap of one local day, memoized in Redis so a month's rekap reads ~31 of these instead
 * of every record. Three parts, each read only by the rekaps that need it:
 * - `meta`: when it holds, and the day's totals (all a trend needs);
 * - `rows`: the day per OPD row and per channel, and the overdue complaints that may be among
 *   the longest waiting (a rekap of every case);
 * - `groups`: the day per group of cases of the same OPD row, first channel and set of
 *   channels (a rekap of one source's or one OPD's cases).
 * Counts are in a form that adds up (src/rekap/summary-merge.ts). "Overdue" is counted as at
 * the moment the summary was made (`at`); an open complaint whose clock runs also carries the
 * instant it turns overdue, so any later moment within `validUntil` is answered by counting
 * those instants; one whose clock stands still stays as it was.
 */
export interface DaySummary {
  meta: DayMeta;
  rows: DayRows;
  groups: GroupSummary[];
}

/** The parts of a stored day summary, by field name. */
export type SummaryPart = keyof DaySummary;

export interface DayMeta {
  /** The sum of the ledger's change counters over the day's hours when it was made (src/store/rekap-summaries.ts). */
  versions: number;
  /** The moment it was judged at: it holds from then (or later, `validFrom`) until `validUntil`. */
  at: number;
  validFrom: number | null;
  validUntil: number | null;
  /** Monday of the day's week. */
  week: string;
  /** Records read for it, and those unreadable (left out). */
  scanned: number;
  unreadable: number;
  total: Pick<CountsData, 'total' | 'flags'>;
  /** When open complaints not overdue at `at` turn overdue (ms), in order. */
  due: number[];
  /** First answers per week. */
  answered: [string, number][];
}

/** One OPD row's part of a day (key null: no OPD). */
export interface RowSummary {
  key: string | null;
  /** The OPD name as the row's first complaint gave it, and that complaint's (reported ms, id). */
  name?: string;
  first: [number, string];
  /** Directory codes its complaints hold (a unit merged into `key` shows as "termasuk"). */
  held: string[];
  counts: CountsData;
  /** As `DayMeta.due`, for this row. */
  due: number[];
  wait: WaitData;
}

export interface ChannelSummary {
  source: string;
  counts: CountsData;
  due: number[];
}

/** An open complaint whose clock runs: [overdue from (ms), clock start (working days since 1970), id, UTC day filed]. */
export type RunningEntry = [number, number, string, number];
/** An overdue complaint whose clock stands still: [working days elapsed, id, UTC day filed]. */
export type StoppedEntry = [number, string, number];

export interface DayRows {
  rows: RowSummary[];
  channels: ChannelSummary[];
  /** Per limit, the running ones that wait longest (first by clock start): overdue at any moment, they come first. */
  running: RunningEntry[];
  /** The longest-waiting stopped ones. */
  stopped: StoppedEntry[];
}

export interface GroupSummary {
  key: string | null;
  name?: string;
  first: [number, string];
  held: string[];
  /** The channel of each case's first record, and every channel the cases came from. */
  source: string;
  sources: string[];
  counts: CountsData;
  answered: [string, number][];
  /** Every running open complaint that turns overdue, by the first element. */
  due: RunningEntry[];
  stopped: StoppedEntry[];
  wait: WaitData;
}

/** How many of the first `n` instants (ascending, the i-th given by `of`) are at or before `at`. */
function countUpTo(n: number, at: number, of: (i: number) => number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (of(mid) <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of these ascending instants are at or before `at`: the open complaints overdue by then. */
export function dueBy(due: readonly number[], at: number): number {
  return countUpTo(due.length, at, (i) => due[i]!);
}

/** As `dueBy`, for running entries (ascending by their first element). */
export function runningDueBy(due: readonly RunningEntry[], at: number): number {
  return countUpTo(due.length, at, (i) => due[i]![0]);
}

class GroupBuilder {
  readonly counts = new Counts();
  readonly answered = new Map<string, number>();
  readonly due: RunningEntry[] = [];
  /** The limit (working days) of each `due` entry. */
  readonly limits = new Map<string, number>();
  readonly stopped: StoppedEntry[] = [];
  readonly wait = new WaitCounts();
  readonly held = new Set<string>();
  readonly cases: string[] = [];

  constructor(
    readonly key: string | null,
    readonly name: string | undefined,
    readonly first: [number, string],
    readonly source: string,
    readonly sources: string[],
  ) {}

  summary(): GroupSummary {
    return {
      key: this.key,
      ...(this.name !== undefined ? { name: this.name } : {}),
      first: this.first,
      held: [...this.held],
      source: this.source,
      sources: this.sources,
      counts: this.counts.data(),
      answered: [...this.answered.entries()],
      due: [...this.due].sort((a, b) => a[0] - b[0]),
      stopped: this.stopped,
      wait: this.wait.data(),
    };
  }
}

/** One local day's summary as it is built from its case views, judged at `now`. */
class DayBuilder {
  private readonly groups = new Map<string, GroupBuilder>();
  readonly validity: Validity;
  scanned = 0;
  unreadable = 0;

  constructor(
    private readonly settings: RekapSettings,
    private readonly now: number,
  ) {
    // Overdue is counted as at `now`: an earlier moment needs the day judged again.
    this.validity = { from: now, until: null };
  }

  add(view: CaseView): void {
    const { sla, units, offsetMs } = this.settings;
    const c = view.complaint;
    const ms = Date.parse(c.reportedAt);
    const key = opdKey(c.opd, units) ?? null;
    const sources = [...view.sources].sort();
    const id = `${key ?? ''}\u0000${c.source}\u0000${sources.join('\u0000')}`;
    let group = this.groups.get(id);
    if (!group) this.groups.set(id, (group = new GroupBuilder(key, c.opd?.name, [ms, c.id], c.source, sources)));
    const held = c.opd?.code?.trim();
    if (key && held) group.held.add(held);
    group.cases.push(c.caseId);
    const v = judge(c, new Date(this.now), sla);
    if (v.pending) {
      const clock = openClock(c, v, sla, this.now, this.validity);
      if (clock.kind === 'running') {
        group.counts.add(c, { ...v, overdue: clock.overdueFrom !== null && clock.overdueFrom <= this.now });
        if (clock.overdueFrom !== null) {
          group.due.push([clock.overdueFrom, clock.start, c.id, dayOf(ms)]);
          group.limits.set(c.id, v.limit);
        }
      } else {
        group.counts.add(c, v);
        if (clock.overdue) group.stopped.push([clock.elapsed, c.id, dayOf(ms)]);
      }
    } else {
      answeredValidity(c, v, this.now, this.validity);
      group.counts.add(c, v);
    }
    if (v.firstAnswerAt !== undefined) {
      const week = weekOf(v.firstAnswerAt, offsetMs);
      group.answered.set(week, (group.answered.get(week) ?? 0) + 1);
    }
  }

  /** Reads the answers to the day's cases (one Lua call per 500 cases) into each group's approval wait. */
  async addAnswers(store: Pick<Store, 'responses'>): Promise<void> {
    const groups = [...this.groups.values()];
    const cases = groups.flatMap((g) => g.cases);
    const answers = await store.responses.ofEachCase(cases);
    let at = 0;
    for (const group of groups)
      for (const caseId of group.cases) for (const a of answers[at++] ?? []) if (a.caseId === caseId) group.wait.add(a);
  }

  summary(versions: number, week: string): DaySummary {
    const groups = [...this.groups.values()];
    const later = (due: readonly RunningEntry[]) =>
      due
        .map((d) => d[0])
        .filter((at) => at > this.now)
        .sort((a, b) => a - b);
    const total = new Counts();
    const answered = new Map<string, number>();
    type RowParts = Omit<RowSummary, 'counts' | 'due' | 'wait'> & {
      counts: Counts;
      due: RunningEntry[];
      wait: WaitCounts;
    };
    const rows = new Map<string | null, RowParts>();
    const channels = new Map<string, { counts: Counts; due: RunningEntry[] }>();
    for (const g of groups) {
      const data = g.counts.data();
      total.mergeTotals(data);
      for (const [w, n] of g.answered) answered.set(w, (answered.get(w) ?? 0) + n);
      let row = rows.get(g.key);
      if (!row)
        rows.set(
          g.key,
          (row = { key: g.key, first: g.first, held: [], counts: new Counts(), due: [], wait: new WaitCounts() }),
        );
      if (row.counts.total === 0 || before(g.first, row.first)) {
        row.first = g.first;
        if (g.name !== undefined) row.name = g.name;
        else delete row.name;
      }
      row.held = [...new Set([...row.held, ...g.held])];
      row.counts.merge(data);
      row.due.push(...g.due);
      row.wait.merge(g.wait.data());
      let channel = channels.get(g.source);
      if (!channel) channels.set(g.source, (channel = { counts: new Counts(), due: [] }));
      channel.counts.merge(data);
      channel.due.push(...g.due);
    }
    // The longest waiting at any later moment: per limit, the earliest clock starts (overdue first); stopped ones by wait.
    const size = this.settings.overdueListSize;
    const byLimit = new Map<number, RunningEntry[]>();
    for (const g of groups)
      for (const d of g.due) {
        const limit = g.limits.get(d[2]) ?? 0;
        const list = byLimit.get(limit);
        if (list) list.push(d);
        else byLimit.set(limit, [d]);
      }
    const running = [...byLimit.values()].flatMap((list) =>
      list.sort((a, b) => a[1] - b[1] || (a[2] < b[2] ? -1 : 1)).slice(0, size),
    );
    const stopped = groups
      .flatMap((g) => g.stopped)
      .sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1))
      .slice(0, size);
    return {
      meta: {
        versions,
        at: this.now,
        validFrom: this.validity.from,
        validUntil: this.validity.until,
        week,
        scanned: this.scanned,
        unreadable: this.unreadable,
        total: { total: total.total, flags: total.data().flags },
        due: later(groups.flatMap((g) => g.due)),
        answered: [...answered.entries()],
      },
      rows: {
        rows: [...rows.values()].map((row) => ({
          ...row,
          counts: row.counts.data(),
          due: later(row.due),
          wait: row.wait.data(),
        })),
        channels: [...channels.entries()].map(([source, { counts, due }]) => ({
          source,
          counts: counts.data(),
          due: later(due),
        })),
        running,
        stopped,
      },
      groups: groups.map((g) => g.summary()),
    };
  }
}

/** Records whose case views are read in one round of calls. */
const VIEW_BATCH = 2000;

/** Local days (numbers since 1970 in the instance's zone) as instants [start, end). */
export function localDaySpan(day: number, offsetMs: number): { fromMs: number; toMs: number } {
  return { fromMs: day * DAY_MS - offsetMs, toMs: (day + 1) * DAY_MS - offsetMs };
}

/**
 * Builds the summaries of consecutive local days `first`..`last` from the rekap records of
 * the UTC days they span (read once, one pipelined call), their case views and their cases'
 * answers, judged at `now`; `versions` are the change counters' sums read BEFORE the records
 * (a write in between makes the summary stale at once, never wrong for long).
 */
export async function buildDaySummaries(
  store: Pick<Store, 'rekapRecords' | 'ledger' | 'responses'>,
  settings: RekapSettings,
  days: { first: number; last: number },
  versions: (day: number) => number,
  now: Date,
): Promise<Map<number, DaySummary>> {
  const { offsetMs } = settings;
  const local = (ms: number) => Math.floor((ms + offsetMs) / DAY_MS);
  const builders = new Map<number, DayBuilder>();
  const builder = (day: number) => {
    let b = builders.get(day);
    if (!b) builders.set(day, (b = new DayBuilder(settings, now.getTime())));
    return b;
  };
  for (let day = days.first; day <= days.last; day++) builder(day);
  const span = { fromMs: localDaySpan(days.first, offsetMs).fromMs, toMs: localDaySpan(days.last, offsetMs).toMs };
  const utcDays: number[] = [];
  for (let d = dayOf(span.fromMs); d <= dayOf(span.toMs - 1); d++) utcDays.push(d);
  const read = await store.rekapRecords.ofDays(utcDays);
  const records: TimedRecord[] = [];
  for (const { day, records: filed, unreadable } of read) {
    // Unreadable entries have no report time: each UTC day's count goes to the local day it begins in.
    const home = local(day * DAY_MS);
    if (home >= days.first && home <= days.last) builder(home).unreadable += unreadable;
    for (const r of filed)
      if (r.ms >= span.fromMs && r.ms < span.toMs) {
        records.push(r);
        builder(local(r.ms)).scanned += 1;
      }
  }
  const ordered = inReportedOrder(records);
  for (let i = 0; i < ordered.length; i += VIEW_BATCH)
    for (const view of await caseViewsOf(store, ordered.slice(i, i + VIEW_BATCH)))
      builder(local(Date.parse(view.complaint.reportedAt))).add(view);
  const out = new Map<number, DaySummary>();
  for (const [day, b] of builders) {
    await b.addAnswers(store);
    const { fromMs } = localDaySpan(day, offsetMs);
    out.set(day, b.summary(versions(day), weekOf(fromMs, offsetMs)));
  }
  return out;
}
