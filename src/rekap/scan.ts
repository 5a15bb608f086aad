import type { Store } from '../store/store.js';
import { complaintBatches } from '../store/complaint-batches.js';
import { periodBounds } from './period.js';
import type { RekapSettings } from './settings.js';
import { RekapTally } from './tally.js';
import { rekapComplaintSchema, type Period, type Rekap } from './types.js';

export interface RekapRequest {
  period: Period;
  /** Only complaints of this source; all sources when absent. */
  source?: string;
  now: Date;
  /** How many of the longest-waiting late complaints to list (default 20). */
  lateListSize?: number;
}

const BATCH = 500;
/**
 * The bridge sees a complaint after it was reported, so its index score (receivedAt) is
 * later than reportedAt. Two days of slack cover a source whose clock or offset is wrong
 * by some hours; a complaint "received" before it was reported by more is left out.
 */
const RECEIVED_SLACK_MS = 2 * 86_400_000;

/**
 * The rekap of a period, computed from the ledger at each call.
 *
 * Cost, and why it is a scan and not kept counters: "late" depends on the moment it is
 * asked and on the holiday list, and a complaint's OPD, status and answers change with
 * every new version, so counters would have to be moved on each ledger write and rebuilt
 * when the calendar changes. Instead this reads the complaints the bridge received since
 * shortly before the period, in batches of 500 (memory: one batch plus per-OPD counters).
 * For a kabupaten's month that is a few hundred to a few thousand documents; a
 * province-wide month some tens of thousands (about 2 s per 100,000 on 2 cores). A
 * backfill makes old complaints "received" recently, so their months cost more to ask
 * for; past `rekap.maxComplaints` the scan stops and the result says `truncated`.
 */
export async function computeRekap(store: Pick<Store, 'redis' | 'keys'>, settings: RekapSettings, request: RekapRequest): Promise<Rekap> {
  const { start, end } = periodBounds(request.period, settings.offsetMs);
  const tally = new RekapTally({ now: request.now, calendar: settings.calendar, limits: settings.limits, lateListSize: request.lateListSize ?? 20, ...(settings.units ? { units: settings.units } : {}) });
  let scanned = 0;
  let unreadable = 0;
  let truncated = false;
  scan: for await (const batch of complaintBatches(store.redis, store.keys, { receivedFromMs: start.getTime() - RECEIVED_SLACK_MS, batchSize: BATCH })) {
    for (const { json } of batch) {
      if (scanned >= settings.maxComplaints) {
        truncated = true;
        break scan;
      }
      scanned += 1;
      if (json === null) continue;
      const parsed = rekapComplaintSchema.safeParse(safeJson(json));
      if (!parsed.success) {
        unreadable += 1;
        continue;
      }
      const c = parsed.data;
      const reportedAt = Date.parse(c.reportedAt);
      if (reportedAt < start.getTime() || reportedAt >= end.getTime()) continue;
      if (request.source && c.source !== request.source) continue;
      tally.add(c);
    }
  }
  return { period: request.period, source: request.source ?? null, at: request.now.toISOString(), limits: settings.limits, ...tally.result(), scanned, truncated, unreadable };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
