import type { Redis } from 'ioredis';
import type { PollResult } from '../../src/pipeline/poll.js';
import { entryComplaints } from '../../src/store/audit.js';
import { measureCpu, type CpuReport } from '../lib/cpu.js';
import type { BenchPipeline } from '../lib/lapor-pipeline.js';
import { measureMemory, type MemoryReport } from '../lib/memory.js';
import { completedJobTimings, waitForIdle, type JobTimings } from '../lib/queue-watch.js';
import { ratePerSecond } from '../lib/stats.js';

export interface PollRun {
  /** Records the poll handed to the pipeline (valid ones; invalid go to quarantine). */
  records: number;
  pages: number;
  /** The poll job alone: paging through the source, storing raw records, enqueuing. */
  pollMs: number;
  /** Enqueue of the poll → the last ingest job finished. */
  drainMs: number;
  perSecond: number;
  ingest: JobTimings;
  /** Complaint versions written: the complaints the audit entries of the run list as created or updated. */
  ledgerWrites: number;
  /** From enqueue to idle queues; the read-out of job timestamps afterwards is not included. */
  memory: MemoryReport;
  cpu: CpuReport;
}

/**
 * One poll of the "lapor" source through the daemon's own workers, timed from the
 * outside: enqueue, wait until every queue is idle, then read BullMQ's job timestamps.
 * `watchEveryMs` spaces the idle checks; where Redis commands are counted per record it is
 * long, so the watching adds almost nothing to the count.
 */
export async function runPoll(
  pipe: BenchPipeline,
  admin: Redis,
  slot: string,
  label: string,
  timeoutMs: number,
  watchEveryMs = 20,
): Promise<PollRun> {
  const { runtime } = pipe;
  const auditKey = runtime.store.keys.audit();
  const [lastBefore] = await admin.xrevrange(auditKey, '+', '-', 'COUNT', 1);
  const started = Date.now();
  const { result: watched, memory } = await measureMemory(label, () =>
    measureCpu(admin, async () => {
      const poll = await runtime.enqueuePoll('lapor', 'live', slot);
      if (!poll.added) throw new Error(`poll slot ${slot} was already taken`);
      await waitForIdle([runtime.queues.poll, runtime.queues.ingest], timeoutMs, watchEveryMs);
      return poll.jobId;
    }),
  );
  const jobId = watched.result;
  const pollJob = await runtime.queues.poll.getJob(jobId);
  if (!pollJob?.finishedOn || !pollJob.processedOn)
    throw new Error(`poll ${jobId} did not complete: ${pollJob?.failedReason ?? 'no job'}`);
  const failed = await runtime.queues.ingest.getFailedCount();
  if (failed > 0) throw new Error(`${failed} ingest jobs failed; the figures would not be comparable`);
  const result = pollJob.returnvalue as PollResult;
  const ingest = await completedJobTimings(runtime.queues.ingest, started);
  const finished = Math.max(pollJob.finishedOn, ingest.jobs > 0 ? ingest.lastFinishedAt : 0);
  const drainMs = finished - started;
  return {
    records: result.records,
    pages: result.pages,
    pollMs: pollJob.finishedOn - pollJob.processedOn,
    drainMs,
    perSecond: ratePerSecond(result.records, drainMs),
    ingest,
    ledgerWrites: await versionsWritten(admin, auditKey, lastBefore?.[0]),
    memory,
    cpu: watched.cpu,
  };
}

/** The complaints listed as created or updated by the audit entries after `after` (an ingest page's entry lists many). */
async function versionsWritten(admin: Redis, key: string, after: string | undefined): Promise<number> {
  const entries = await admin.xrange(key, after ? `(${after}` : '-', '+');
  return entries
    .map(([, flat]) => Object.fromEntries(flat.flatMap((v, i) => (i % 2 === 0 ? [[v, flat[i + 1]!]] : []))))
    .filter((fields) => fields.what === 'created' || fields.what === 'updated')
    .reduce((sum, fields) => sum + entryComplaints(fields).length, 0);
}
