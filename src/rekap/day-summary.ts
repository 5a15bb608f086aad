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
import { weekOf } from './tally-rows.js';

/**
 * The rekap of one local day, memoized in Redis so a month's rekap reads ~31 of these instead
 * of every record: per group of cases (same OPD row, same first channel, same set of
 * channels), everything the rekap counts in a form that adds up (src/rekap/summary-merge.ts).
 * What depends on the moment asked is kept so any moment within `validFrom`/`validUntil` can
 * be answered: open complaints whose clock runs carry the instant they become overdue and
 * where they rank; those whose clock stands still, whether they are overdue.
 */
export interface DaySummary {
  /** The sum of the ledger's change counters over the day's hours when it was made (src/store/rekap-summaries.ts). */
  versions: number;
  validFrom: number | null;
  validUntil: number | null;
  /** Monday of the day's week. */
  week: string;
  /** Records read for it, and those unreadable (left out). */
  scanned: number;
  unreadable: number;
  groups: GroupSummary[];
}

export interface GroupSummary {
  /** The OPD row (directory code of the unit holding the work today); null: no OPD. */
  key: string | null;
  /** The OPD name as the group's first complaint gave it, and that complaint's (reported ms, id). */
  name?: string;
  first: [number, string];
  /** Directory codes the group's complaints hold (a unit merged into `key` shows as "termasuk"). */
  held: string[];
  /** The channel of each case's first record, and every channel the cases came from. */
  source: string;
  sources: string[];
  /** Counted as at any moment of the window, except running clocks' overdue (`due`). */
  counts: CountsData;
  /** First answers per week. */
  answered: [string, number][];
  /** Open complaints whose clock runs and that turn overdue: [overdue from (ms), clock start, id, UTC day filed], by the first. */
  due: [number, number, string, number][];
  /** Overdue complaints whose clock stands still: [working days elapsed, id, UTC day filed]. */
  stopped: [number, string, number][];
  wait: WaitData;
}

class GroupBuilder {
  readonly counts = new Counts();
  readonly answered = new Map<string, number>();
  readonly due: GroupSummary['due'] = [];
  readonly stopped: GroupSummary['stopped'] = [];
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
      due: this.due.sort((a, b) => a[0] - b[0]),
      stopped: this.stopped,
      wait: this.wait.data(),
    };
  }
}

/** One local day's summary as it is built from its case views, judged at `now`. */
class DayBuilder {
  private readonly groups = new Map<string, GroupBuilder>();
  readonly validity: Validity = { from: null, until: null };
  scanned = 0;
  unreadable = 0;

  constructor(
    private readonly settings: RekapSettings,
    private readonly now: number,
  ) {}

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
        group.counts.add(c, { ...v, overdue: false });
        if (clock.overdueFrom !== null) group.due.push([clock.overdueFrom, clock.start, c.id, dayOf(ms)]);
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
    return {
      versions,
      validFrom: this.validity.from,
      validUntil: this.validity.until,
      week,
      scanned: this.scanned,
      unreadable: this.unreadable,
      groups: [...this.groups.values()].map((g) => g.summary()),
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
