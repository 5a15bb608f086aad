import type { Store } from '../store/store.js';
import { dayNumberOf, DAY_MS, localDate } from '../domain/local-date.js';
import {
  buildDaySummaries,
  localDaySpan,
  type DayMeta,
  type DayRows,
  type DaySummary,
  type GroupSummary,
} from './day-summary.js';
import { overdueList } from './overdue-list.js';
import { PartCache } from './part-cache.js';
import type { RekapSettings } from './settings.js';
import { SummaryMerge } from './summary-merge.js';
import { wholeMonth } from './labels.js';
import type { Period, PreviousPeriod, Rekap } from './types.js';

export interface RekapRequest {
  period: Period;
  /** Only cases this source contributed a record to; all cases when absent. */
  source?: string;
  /** Only complaints of this OPD (its row key); all when absent. */
  opd?: string;
  now: Date;
}

/** What the rekap reads of the store: day summaries, the rekap records and case membership behind them, answers. */
export type RekapStore = Pick<Store, 'keys' | 'rekapRecords' | 'rekapSummaries' | 'ledger' | 'responses'>;

const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The period of the same length just before this one. */
export function previousPeriod(period: Period): Period {
  const days = dayNumberOf(period.to) - dayNumberOf(period.from) + 1;
  const from = dayNumberOf(period.from) - days;
  return { from: dateOf(from), to: dateOf(from + days - 1) };
}

/**
 * What a rekap's trend compares the period with: a whole month with the month before it; any
 * other span with the span of the same length just before it. A period still running on
 * `today` (a local date) compares only its days so far, with as many days: a month in
 * progress with the first days of the month before (1–2 December with 1–2 November), never
 * with a whole month.
 */
export function comparedPeriod(period: Period, today: string): Period {
  const running = today >= period.from && today < period.to;
  if (!wholeMonth(period)) return previousPeriod(running ? { from: period.from, to: today } : period);
  const lastBefore = dayNumberOf(period.from) - 1;
  const first = dayNumberOf(`${dateOf(lastBefore).slice(0, 8)}01`);
  const days = running ? dayNumberOf(today) - dayNumberOf(period.from) + 1 : Infinity;
  return { from: dateOf(first), to: dateOf(Math.min(first + days - 1, lastBefore)) };
}

/** The local day numbers of a period, in order. */
function dayRange(period: Period): number[] {
  const days: number[] = [];
  for (let day = dayNumberOf(period.from); day <= dayNumberOf(period.to); day++) days.push(day);
  return days;
}

/** The part of a stored day summary holding one OPD row's groups. */
function opdPart(key: string): string {
  return `opd:${key}`;
}

/** A day's groups per OPD row, by the part each is stored as: one OPD's rekap reads only its own. */
function opdGroups(groups: readonly GroupSummary[]): Map<string, GroupSummary[]> {
  const byPart = new Map<string, GroupSummary[]>();
  for (const g of groups) {
    if (g.key === null) continue;
    const name = opdPart(g.key);
    byPart.set(name, [...(byPart.get(name) ?? []), g]);
  }
  return byPart;
}

/**
 * Days built from their records in one go, at most: a cold rekap of a long period (up to a
 * year and the year before it) reads and holds a week of records at a time, not all of them.
 */
const BUILD_DAYS = 7;

/** A built summary's part as `DayParts` carries it (an OPD's part: its groups, `byOpd` from opdGroups). */
function builtPart(summary: DaySummary, byOpd: Map<string, GroupSummary[]>, wanted: string): DayRows | GroupSummary[] {
  if (wanted === 'rows') return summary.rows;
  if (wanted === 'groups') return summary.groups;
  return byOpd.get(wanted) ?? [];
}

/** Parts this process parsed, reused while their stored meta is unchanged. */
const parts = new PartCache();

/** A part's name in the cache: its Redis key (the ledger's prefix, the settings' fingerprint, the day) and part. */
function partKey(store: RekapStore, settings: RekapSettings, day: number, name: string): string {
  return `${store.keys.rekapSummary(settings.fingerprint, day)} ${name}`;
}

/** What a rekap reads of a day: its meta always, its rows or its groups when it needs them. */
type DayParts = { meta: DayMeta; rows?: DayRows; groups?: GroupSummary[] };

function withPart(meta: DayMeta, wanted: string, value: DayRows | GroupSummary[]): DayParts {
  return wanted === 'rows' ? { meta, rows: value as DayRows } : { meta, groups: value as GroupSummary[] };
}

function parsed<T>(text: string | null | undefined): T | undefined {
  if (text === null || text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

function holds(meta: DayMeta | undefined, versions: number, now: number): meta is DayMeta {
  return (
    meta !== undefined &&
    meta.versions === versions &&
    (meta.validFrom === null || now >= meta.validFrom) &&
    (meta.validUntil === null || now < meta.validUntil)
  );
}

/**
 * Days whose stored parts are read (and parsed) in one call: a warm rekap of a year holds a
 * month of parsed parts at a time, not the year's.
 */
const READ_DAYS = 31;

/**
 * Hands the summaries of local days `first`..`last` to `visit`, in day order, each with the
 * `part` it needs besides its meta: the stored ones that still hold (the change counters of
 * their hours unchanged, `now` within their window), the others built from the records of each
 * run of consecutive days and stored whole for the next call. A month of days is read at a
 * time and let go once visited.
 */
async function daySummaries(
  store: RekapStore,
  settings: RekapSettings,
  all: readonly number[],
  part: (day: number) => string | undefined,
  now: Date,
  visit: (day: number, parts: DayParts) => void,
): Promise<void> {
  // The counters are read before anything they guard: a write after this makes a summary built now stale, never wrong.
  const sums = await store.rekapSummaries.versionSums(all.map((day) => localDaySpan(day, settings.offsetMs)));
  const sumOf = new Map(all.map((day, i) => [day, sums[i]!]));
  const versions = (day: number) => sumOf.get(day)!;
  for (let from = 0; from < all.length; from += READ_DAYS) {
    const days = all.slice(from, from + READ_DAYS);
    const out = await storedParts(store, settings, days, versions, part, now);
    for (let i = 0; i < days.length; i++) {
      if (out[i]) {
        visit(days[i]!, out[i]!);
        continue;
      }
      let j = i;
      // Built a run of consecutive days at a time: the trend's days and the period's may lie apart.
      while (j + 1 < days.length && j + 1 - i < BUILD_DAYS && !out[j + 1] && days[j + 1] === days[j]! + 1) j++;
      for (const [day, parts] of await buildParts(
        store,
        settings,
        { first: days[i]!, last: days[j]! },
        versions,
        part,
        now,
      ))
        visit(day, parts);
      i = j;
    }
  }
}

/** The parts of `days` whose stored summaries still hold (from this process's cache, or read and parsed); undefined for the others. */
async function storedParts(
  store: RekapStore,
  settings: RekapSettings,
  days: readonly number[],
  versions: (day: number) => number,
  part: (day: number) => string | undefined,
  now: Date,
): Promise<(DayParts | undefined)[]> {
  const indexOf = new Map(days.map((day, i) => [day, i]));
  const metas = await store.rekapSummaries.read(settings.fingerprint, days, () => ['meta']);
  const metaText = days.map((_, i) => metas[i]?.[0] ?? null);
  const meta = days.map((_, i) => parsed<DayMeta>(metaText[i]));
  const out: (DayParts | undefined)[] = days.map((day, i) => {
    const m = meta[i];
    if (!holds(m, versions(day), now.getTime())) return undefined;
    const wanted = part(day);
    if (!wanted) return { meta: m };
    const value = parts.get<DayRows | GroupSummary[]>(partKey(store, settings, day, wanted), metaText[i]!);
    return value === undefined ? undefined : withPart(m, wanted, value);
  });
  // The parts of current days this process has not parsed yet, in one more call.
  const missing = days.filter((day, i) => !out[i] && holds(meta[i], versions(day), now.getTime()));
  const texts = await store.rekapSummaries.read(settings.fingerprint, missing, (day) => [part(day)!]);
  missing.forEach((day, n) => {
    const i = indexOf.get(day)!;
    const wanted = part(day)!;
    const text = texts[n]?.[0];
    // One OPD's groups: a day without its complaints has none stored.
    const value =
      wanted === 'rows' || wanted === 'groups'
        ? parsed<DayRows | GroupSummary[]>(text)
        : (parsed<GroupSummary[]>(text) ?? []);
    if (value === undefined) return;
    parts.set(partKey(store, settings, day, wanted), metaText[i]!, value, text?.length ?? 0);
    out[i] = withPart(meta[i]!, wanted, value);
  });
  return out;
}

/** Days `span.first`..`span.last` built from their records and stored whole; the part each needs, in day order. */
async function buildParts(
  store: RekapStore,
  settings: RekapSettings,
  span: { first: number; last: number },
  versions: (day: number) => number,
  part: (day: number) => string | undefined,
  now: Date,
): Promise<[number, DayParts][]> {
  const fresh = await buildDaySummaries(store, settings, span, versions, now);
  const built: [number, Record<string, string>][] = [];
  const out: [number, DayParts][] = [];
  for (let day = span.first; day <= span.last; day++) {
    const summary = fresh.get(day)!;
    const byOpd = opdGroups(summary.groups);
    const stored: Record<string, string> = {
      meta: JSON.stringify(summary.meta),
      rows: JSON.stringify(summary.rows),
      groups: JSON.stringify(summary.groups),
      ...Object.fromEntries([...byOpd].map(([name, list]) => [name, JSON.stringify(list)])),
    };
    // Only the part asked is kept, for the answer and the next request: a long period's whole
    // summaries are not held at once, nor the rows of the trend's days.
    const wanted = part(day);
    if (wanted) {
      const value = builtPart(summary, byOpd, wanted);
      parts.set(partKey(store, settings, day, wanted), stored.meta!, value, stored[wanted]?.length ?? 2);
      out.push([day, withPart(summary.meta, wanted, value)]);
    } else out.push([day, { meta: summary.meta }]);
    built.push([day, stored]);
  }
  await store.rekapSummaries.write(settings.fingerprint, built);
  return out;
}

/**
 * The rekap of a period, from one memoized summary per local day (src/rekap/day-summary.ts)
 * of it and of the period before (the trend): a call reads those summaries and the change
 * counters of their hours, and rebuilds only the days written since, or whose window the
 * moment asked has left. What it reads grows with the period, never with the ledger, and the
 * answer is never cut short. "Overdue" is judged at `request.now`: the summaries carry when
 * each open complaint turns overdue, and the listed ones are judged again on the clock.
 */
export async function computeRekap(store: RekapStore, settings: RekapSettings, request: RekapRequest): Promise<Rekap> {
  await store.rekapRecords.ensureBuilt();
  const before = comparedPeriod(request.period, localDate(request.now, settings.offsetMs));
  const split = dayNumberOf(request.period.from);
  const days = [...dayRange(before), ...dayRange(request.period)];
  const filter = {
    ...(request.source ? { source: request.source } : {}),
    ...(request.opd ? { opd: request.opd } : {}),
  };
  const grouped = SummaryMerge.needsGroups(filter);
  const current = new SummaryMerge(settings, filter, request.now);
  const prior = new SummaryMerge(settings, filter, request.now, true);
  await daySummaries(
    store,
    settings,
    days,
    // A rekap of every case reads the rows (the trend only the meta); of one OPD, its groups; of one source, all groups.
    (day) => (request.source ? 'groups' : request.opd ? opdPart(request.opd) : day >= split ? 'rows' : undefined),
    request.now,
    (day, s) => {
      const merge = day < split ? prior : current;
      if (grouped) merge.addGroups(s.meta, s.groups ?? []);
      else merge.addRows(s.meta, s.rows);
    },
  );
  const t = prior.result().total;
  const previous: PreviousPeriod = {
    period: before,
    total: t.total,
    answered: t.answered,
    answeredOnTime: t.answeredOnTime,
    answeredLate: t.answeredLate,
    overdue: t.overdue,
  };
  return {
    period: request.period,
    source: request.source ?? null,
    opd: request.opd ?? null,
    at: request.now.toISOString(),
    limits: settings.limits,
    ...current.result(),
    overdue: await overdueList(store, settings, current.candidates, current.rows, request.now),
    previous,
    approvalWait: current.approvalWait(request.now),
    scanned: current.scanned + prior.scanned,
    unreadable: current.unreadable,
  };
}
