import type { Connector } from '../connectors/types.js';
import { isConnectorError } from '../domain/failures.js';
import type { Store } from '../store/store.js';
import type { QuarantineEntry } from '../store/records.js';
import { acceptRecords, type AcceptDeps } from './accept.js';

/**
 * Quarantine never ends a record's life: a quarantined record is fetched again from its
 * source, on replay and on a schedule, and enters through the one entrance. When the source
 * now serves it valid, acceptRecords stores it and clears the entry; otherwise the entry
 * stays with the newer reason. This is what lets a cursor move past a bad record.
 */
export interface RefetchDeps extends AcceptDeps {
  store: Pick<Store, 'quarantine' | 'raw' | 'audit'> & AcceptDeps['store'];
  connector(source: string): Pick<Connector, 'refetch'>;
}

export type RefetchOutcome =
  | { outcome: 'requeued'; externalId: string }
  | { outcome: 'still_invalid'; reason: string }
  /** A passing failure (5xx, timeout, 429): the entry stays as it is, for the next round. */
  | { outcome: 'not_now'; reason: string }
  | { outcome: 'unsupported' };

export async function refetchEntry(
  deps: RefetchDeps,
  entry: QuarantineEntry,
  signal?: AbortSignal,
): Promise<RefetchOutcome> {
  const connector = deps.connector(entry.source);
  if (!connector.refetch || entry.externalId === undefined) return { outcome: 'unsupported' };
  let record;
  try {
    record = await connector.refetch(entry.externalId, entry.raw, signal ? { signal } : {});
  } catch (err) {
    if (isConnectorError(err) && (err.code === 'TRANSIENT' || err.code === 'RATE_LIMITED'))
      return { outcome: 'not_now', reason: err.message };
    // Auth and anything unknown are the source's state, not the record's: the caller decides.
    if (!isConnectorError(err) || !['NOT_FOUND', 'INVALID_PAYLOAD'].includes(err.code)) throw err;
    record = {
      ok: false as const,
      externalId: entry.externalId,
      raw: entry.raw,
      reason: `fetched again: ${err.message}`,
    };
  }
  await acceptRecords(deps, entry.source, [record]);
  return record.ok
    ? { outcome: 'requeued', externalId: record.externalId }
    : { outcome: 'still_invalid', reason: record.reason };
}

const PASSING_FAILURES_TO_STOP = 5;

export interface RefetchRound {
  /** At most this many entries per round (one round after each poll of the source). */
  limit: number;
  /** Only entries not seen for this long: a record just quarantined is not asked again at once. */
  afterMs: number;
  now: Date;
}

/** The scheduled re-fetch of one source's quarantine, oldest first. Stops when the source looks down. */
export async function refetchQuarantined(
  deps: RefetchDeps,
  source: string,
  round: RefetchRound,
  signal?: AbortSignal,
): Promise<{ tried: number; recovered: number }> {
  if (!deps.connector(source).refetch) return { tried: 0, recovered: 0 };
  const due: QuarantineEntry[] = [];
  for await (const [, entry] of deps.store.quarantine.entries.entries()) {
    if (entry.source !== source || entry.externalId === undefined) continue;
    if (round.now.getTime() - Date.parse(entry.lastSeen) < round.afterMs) continue;
    due.push(entry);
  }
  due.sort((a, b) => a.lastSeen.localeCompare(b.lastSeen));
  let recovered = 0;
  let tried = 0;
  let passingInARow = 0;
  for (const entry of due.slice(0, round.limit)) {
    // Several passing failures in a row: the source is down now, the next poll tries again.
    if (signal?.aborted || passingInARow >= PASSING_FAILURES_TO_STOP) break;
    tried += 1;
    const result = await refetchEntry(deps, entry, signal);
    if (result.outcome === 'requeued') recovered += 1;
    passingInARow = result.outcome === 'not_now' ? passingInARow + 1 : 0;
  }
  return { tried, recovered };
}
