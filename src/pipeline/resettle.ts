import { ingestJobId, type IngestJob } from '../queue/payloads.js';
import type { PollDeps } from './poll.js';

/** Records per ingest job queued again: a page's worth. */
const PER_JOB = 100;

/**
 * Queues again the ingest of a source's records whose ingest has not finished for `afterMs`
 * (see src/store/settling.ts): a page job that BullMQ gave up after its ledger write, or
 * before it. Ingest is idempotent: a record the ledger holds is only planned again (dedup,
 * pushes), one still raw is written. Run before each scheduled poll of the source, only
 * while no ingest job waits; a record taken here is left alone for another `afterMs`.
 */
export async function resettle(
  deps: Pick<PollDeps, 'store' | 'ingestQueue' | 'clock'>,
  source: string,
  options: { afterMs: number; limit: number },
): Promise<number> {
  // A page still waiting in the queue is not lost, however long the queue: while it holds
  // pages, the marks are the queue's own work (ingesting them twice would only feed a backlog).
  const queued = await deps.ingestQueue.getJobCounts('wait', 'prioritized', 'delayed');
  if (Object.values(queued).some((n) => n > 0)) return 0;
  const now = deps.clock.now().getTime();
  const due = await deps.store.settling.due(source, now - options.afterMs, options.limit, now);
  for (let i = 0; i < due.length; i += PER_JOB) {
    const externalIds = due.slice(i, i + PER_JOB);
    const data: IngestJob = { source, externalIds };
    // Not the lost job's id: BullMQ keeps a failed job, and would take this one for it.
    const jobId = ingestJobId(
      source,
      externalIds.map((externalId) => ({ externalId, contentKey: `resettle@${now}` })),
    );
    await deps.ingestQueue.add('ingest', data, { jobId });
  }
  return due.length;
}
