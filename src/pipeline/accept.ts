import type { Queue } from 'bullmq';
import type { PulledRecord } from '../connectors/types.js';
import type { Clock } from '../domain/clock.js';
import { contentHashOf } from '../domain/complaint.js';
import { ingestJobId, type IngestJob } from '../queue/payloads.js';
import type { Store } from '../store/store.js';

export interface AcceptDeps {
  store: Store;
  ingestQueue: Queue;
  clock: Clock;
}

/**
 * The one entrance of external records into the pipeline, for polls, webhooks and imports
 * alike: valid records are stored raw and get an ingest job; invalid ones go to quarantine
 * with their reason. Only after this resolves may a caller move a cursor or answer 2xx.
 */
export async function acceptRecords(deps: AcceptDeps, source: string, records: readonly PulledRecord[]): Promise<{ accepted: number; quarantined: number }> {
  const valid = records.filter((r) => r.ok);
  await deps.store.raw.saveMany(source, valid, deps.clock.now());
  await deps.ingestQueue.addBulk(
    valid.map((r) => ({
      name: 'ingest',
      data: { source, externalId: r.externalId } satisfies IngestJob,
      opts: { jobId: ingestJobId(source, r.externalId, contentHashOf(r.draft)) },
    })),
  );
  let quarantined = 0;
  for (const r of records) {
    if (r.ok) continue;
    await deps.store.quarantine.put({ source, ...(r.externalId ? { externalId: r.externalId } : {}), stage: 'connector', reason: r.reason, raw: r.raw });
    quarantined += 1;
  }
  return { accepted: valid.length, quarantined };
}
