import type { Store } from '../store/store.js';
import { dayNumberOf, DAY_MS } from '../domain/local-date.js';
import { opdKey } from './opd-key.js';
import { periodBounds } from './period.js';
import type { RekapSettings } from './settings.js';
import { RekapTally, type TallyResult } from './tally.js';
import { rekapComplaintSchema, type Period, type PreviousPeriod, type Rekap } from './types.js';

export interface RekapRequest {
  period: Period;
  /** Only complaints of this source; all sources when absent. */
  source?: string;
  /** Only complaints of this OPD (its row key); all when absent. */
  opd?: string;
  now: Date;
}

const BATCH = 500;

/** What the rekap reads of the store: the index by report time, nothing else. */
export type RekapStore = Pick<Store, 'reported'>;

interface Pass {
  tally: TallyResult;
  scanned: number;
  unreadable: number;
}

async function tallyPeriod(store: RekapStore, settings: RekapSettings, request: RekapRequest, period: Period): Promise<Pass> {
  const { start, end } = periodBounds(period, settings.offsetMs);
  const tally = new RekapTally({ now: request.now, calendar: settings.calendar, limits: settings.limits, offsetMs: settings.offsetMs, overdueListSize: settings.overdueListSize, ...(settings.units ? { units: settings.units } : {}) });
  let scanned = 0;
  let unreadable = 0;
  for await (const batch of store.reported.batches(start.getTime(), end.getTime(), BATCH)) {
    for (const { json } of batch) {
      scanned += 1;
      if (json === null) continue;
      const parsed = rekapComplaintSchema.safeParse(safeJson(json));
      if (!parsed.success) {
        unreadable += 1;
        continue;
      }
      const c = parsed.data;
      if (request.source && c.source !== request.source) continue;
      if (request.opd && opdKey(c.opd, settings.units) !== request.opd) continue;
      tally.add(c);
    }
  }
  return { tally: tally.result(), scanned, unreadable };
}

/** The period of the same length just before this one. */
export function previousPeriod(period: Period): Period {
  const days = dayNumberOf(period.to) - dayNumberOf(period.from) + 1;
  const from = dayNumberOf(period.from) - days;
  const date = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
  return { from: date(from), to: date(from + days - 1) };
}

/**
 * The rekap of a period, computed from the ledger at each call: "overdue" depends on the
 * moment it is asked and on the holiday list, and a complaint's OPD, status and answers
 * change with every version, so counters kept at ingest would have to be moved on every
 * write and rebuilt when the calendar changes. Instead it reads exactly the complaints
 * reported in the period (and in the one before, for the trend) through the index by report
 * time the ledger script keeps: the cost is O(complaints in the two periods), whatever the
 * size of the ledger, and the answer is never cut short.
 */
export async function computeRekap(store: RekapStore, settings: RekapSettings, request: RekapRequest): Promise<Rekap> {
  await store.reported.ensureBuilt();
  const current = await tallyPeriod(store, settings, request, request.period);
  const before = previousPeriod(request.period);
  const prior = await tallyPeriod(store, settings, request, before);
  const t = prior.tally.total;
  const previous: PreviousPeriod = { period: before, total: t.total, answered: t.answered, answeredOnTime: t.answeredOnTime, answeredLate: t.answeredLate, overdue: t.overdue };
  return {
    period: request.period,
    source: request.source ?? null,
    opd: request.opd ?? null,
    at: request.now.toISOString(),
    limits: settings.limits,
    ...current.tally,
    previous,
    scanned: current.scanned + prior.scanned,
    unreadable: current.unreadable,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
