import type { Store } from '../store/store.js';
import { dayNumberOf, DAY_MS } from '../domain/local-date.js';
import { opdKey } from './opd-key.js';
import { periodBounds } from './period.js';
import type { RekapSettings } from './settings.js';
import { RekapTally, type TallyResult } from './tally.js';
import { reportedCaseViews } from './case-view.js';
import { ApprovalWaitTally } from './approval-wait.js';
import type { Period, PreviousPeriod, Rekap } from './types.js';

export interface RekapRequest {
  period: Period;
  /** Only cases this source contributed a record to; all cases when absent. */
  source?: string;
  /** Only complaints of this OPD (its row key); all when absent. */
  opd?: string;
  now: Date;
}

/** What the rekap reads of the store: the rekap records by day of report, and case membership (src/rekap/case-view.ts). */
export type RekapStore = Pick<Store, 'rekapRecords' | 'ledger' | 'responses'>;

interface Pass {
  tally: TallyResult;
  scanned: number;
  unreadable: number;
}

async function tallyPeriod(
  store: RekapStore,
  settings: RekapSettings,
  request: RekapRequest,
  period: Period,
  waits?: ApprovalWaitTally,
): Promise<Pass> {
  const { start, end } = periodBounds(period, settings.offsetMs);
  const tally = new RekapTally({
    now: request.now,
    sla: settings.sla,
    offsetMs: settings.offsetMs,
    overdueListSize: settings.overdueListSize,
    ...(settings.units ? { units: settings.units } : {}),
  });
  let scanned = 0;
  let unreadable = 0;
  for await (const batch of reportedCaseViews(store, start.getTime(), end.getTime())) {
    scanned += batch.scanned;
    unreadable += batch.unreadable;
    // Cases, not records: each counted once, at its earliest record, under the case's OPD, with the sources it came from.
    for (const view of batch.views) {
      const c = view.complaint;
      if (request.source && !view.sources.has(request.source)) continue;
      if (request.opd && opdKey(c.opd, settings.units) !== request.opd) continue;
      tally.add(c);
      waits?.note(c.caseId, opdKey(c.opd, settings.units) ?? null);
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
  await store.rekapRecords.ensureBuilt();
  const waits = new ApprovalWaitTally();
  const current = await tallyPeriod(store, settings, request, request.period, waits);
  const before = previousPeriod(request.period);
  const prior = await tallyPeriod(store, settings, request, before);
  const t = prior.tally.total;
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
    ...current.tally,
    previous,
    approvalWait: await waits.result(store.responses, request.now),
    scanned: current.scanned + prior.scanned,
    unreadable: current.unreadable,
  };
}
