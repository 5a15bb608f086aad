import type { Queue } from 'bullmq';
import type { PulledRecord } from '../connectors/types.js';
import type { Clock } from '../domain/clock.js';
import { contentHashOf } from '../domain/complaint.js';
import { ingestJobId, type IngestJob } from '../queue/payloads.js';
import type { Store } from '../store/store.js';
import { screenStrings } from '../text/encoding.js';
import { withWellFormedIds } from './record-ids.js';

export interface AcceptDeps {
  store: Store;
  ingestQueue: Queue;
  clock: Clock;
}

export interface AcceptHooks {
  /**
   * Sees the records as they will be stored (after the encoding screen), for a caller's own
   * bookkeeping that must not miss one (an import's tally). Must be idempotent: a crash
   * re-reads the page.
   */
  beforeStore?: (records: readonly PulledRecord[]) => Promise<readonly PulledRecord[] | void>;
  /** The sync run (poll job id) the records came in, carried to ingest for its counts. */
  run?: string;
}

/**
 * The encoding rule of src/text/encoding.ts on every text of a mapped record, whatever its
 * connector: repairable mojibake is repaired, anything else broken sends the record to
 * quarantine with the field that failed.
 */
export function screenRecord(record: PulledRecord): PulledRecord {
  if (!record.ok) return record;
  const screened = screenStrings(record.draft);
  if (!screened.ok)
    return {
      ok: false,
      externalId: record.externalId,
      raw: record.raw,
      reason: screened.reason,
    };
  return screened.repaired.length === 0 ? record : { ...record, draft: screened.value };
}

/**
 * The one entrance of external records into the pipeline, for polls, webhooks and imports
 * alike: valid records are stored raw and get one ingest job per page; invalid ones go to
 * quarantine with their reason. A record whose content the ledger already holds stops here
 * (a re-read page costs one lookup, not an ingest). Only after this resolves may a caller
 * move a cursor or answer 2xx.
 */
export async function acceptRecords(
  deps: AcceptDeps,
  source: string,
  pulled: readonly PulledRecord[],
  hooks: AcceptHooks = {},
): Promise<{ accepted: number; quarantined: number; unchanged: number }> {
  const screened = pulled.map(withWellFormedIds).map(screenRecord);
  // The hook may refuse records of its own (an import's repeated numbers): those are quarantined too.
  const records = (await hooks.beforeStore?.(screened)) ?? screened;
  // The last delivery of a record in a page wins, as it does in the raw store.
  const latest = new Map<string, Extract<PulledRecord, { ok: true }>>();
  for (const r of records) if (r.ok) latest.set(r.externalId, r);
  const valid = [...latest.values()].map((r) => ({ record: r, contentKey: contentHashOf(r.draft) }));
  const held = await deps.store.ledger.heldHashes(
    source,
    valid.map((v) => v.record.externalId),
  );
  const fresh = valid.filter((v, i) => held[i] !== v.contentKey);
  if (fresh.length > 0) {
    await deps.store.raw.saveMany(
      source,
      fresh.map((v) => v.record),
      deps.clock.now(),
    );
    const data: IngestJob = {
      source,
      externalIds: fresh.map((v) => v.record.externalId),
      ...(hooks.run ? { run: hooks.run } : {}),
    };
    await deps.ingestQueue.add('ingest', data, {
      jobId: ingestJobId(
        source,
        fresh.map((v) => ({ externalId: v.record.externalId, contentKey: v.contentKey })),
      ),
    });
  }
  // Quarantine never ends a record's life: a valid version arriving by any path clears it.
  const cleared = await deps.store.quarantine.clear(
    source,
    valid.map((v) => v.record.externalId),
  );
  if (cleared > 0)
    await deps.store.audit({
      who: `intake:${source}`,
      what: 'quarantine_cleared',
      why: `${cleared} quarantined record(s) of ${source} arrived valid`,
      detail: { records: cleared },
    });
  let quarantined = 0;
  for (const r of records) {
    if (r.ok) continue;
    await deps.store.quarantine.put({
      source,
      ...(r.externalId ? { externalId: r.externalId } : {}),
      stage: r.retry ? 'fetch' : 'connector',
      reason: r.reason,
      raw: r.raw,
    });
    quarantined += 1;
  }
  return { accepted: valid.length, quarantined, unchanged: valid.length - fresh.length };
}
