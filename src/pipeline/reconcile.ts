import type { Logger } from 'pino';
import type { PulledRecord } from '../connectors/types.js';
import { complaintId } from '../domain/complaint.js';
import type { PollJob } from '../queue/payloads.js';
import { pollSource, type PollDeps, type PollResult } from './poll.js';

export interface ReconcileResult extends PollResult {
  /** Valid records the source lists in the window that the ledger did not hold: fetched and ingested now. */
  missing: number;
}

/**
 * The periodic check behind "nothing lost": re-lists a source over a recent window (from
 * `since`, on the source's own "changed since" cursor) and compares its ids with the ledger.
 * Whatever the normal poll missed (a list that shifted, a record written late with an old
 * time, a cursor moved too far) is ingested like any polled record; what the ledger holds is
 * left alone. It runs on its own lane, so it never moves the live cursor; an interrupted or
 * limited round goes on from its own position next time, a finished one starts afresh.
 */
export async function reconcileSource(
  deps: PollDeps,
  job: PollJob,
  ctx: { signal: AbortSignal; log: Logger },
  since: Date,
): Promise<ReconcileResult> {
  const { store } = deps;
  if ((await store.cursors.get(job.source, job.lane)) === null) {
    const start = deps.connector(job.source).cursorSince(since);
    if (start !== null) await store.cursors.set(job.source, job.lane, start);
  }
  let missing = 0;
  const result = await pollSource(deps, job, {
    ...ctx,
    beforeAccept: async (records) => {
      const listed = records.filter(
        (r): r is PulledRecord & { externalId: string } => r.externalId !== undefined && r.externalId !== '',
      );
      const held = await store.ledger.getMany(listed.map((r) => complaintId(job.source, r.externalId)));
      const absent = listed.filter((_, i) => held[i] === undefined);
      // The door (same content, stop) must not keep out a record the ledger does not hold.
      await store.ledger.forgetHeld(
        job.source,
        absent.map((r) => r.externalId),
      );
      missing += absent.filter((r) => r.ok).length;
      return absent;
    },
  });
  if (result.outcome === 'done') await store.cursors.reset(job.source, job.lane);
  return { ...result, missing };
}
