import type { Queue } from 'bullmq';
import { summarize, type Summary } from './stats.js';

const BUSY = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;

/** Waits until none of the queues has a job waiting, active or delayed. Bounded by `timeoutMs`. */
export async function waitForIdle(queues: readonly Queue[], timeoutMs: number, pollMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const counts = await Promise.all(queues.map((q) => q.getJobCounts(...BUSY)));
    if (counts.every((c) => Object.values(c).every((n) => n === 0))) return;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new Error(`queues ${queues.map((q) => q.name).join(', ')} still busy after ${timeoutMs} ms`);
}

export interface JobTimings {
  jobs: number;
  /** Job created (its raw record already stored) → job finished (its ledger write done). */
  queuedToDoneMs: Summary;
  /** Taken by a worker → finished: the ingest work itself, without the wait in the queue. */
  serviceMs: Summary;
  firstQueuedAt: number;
  lastFinishedAt: number;
  /** Counts of the processor's outcomes per record (created / updated / unchanged / …). */
  outcomes: Record<string, number>;
}

/**
 * Reads the timestamps BullMQ keeps on every completed job (created, processed, finished,
 * all in ms of this machine's clock): per-record latency without touching production code.
 * Only jobs created at or after `since` count.
 */
export async function completedJobTimings(queue: Queue, since: number, chunk = 1000): Promise<JobTimings> {
  const queued: number[] = [];
  const service: number[] = [];
  const outcomes: Record<string, number> = {};
  let firstQueuedAt = Infinity;
  let lastFinishedAt = -Infinity;
  const total = await queue.getCompletedCount();
  for (let start = 0; start < total; start += chunk) {
    const jobs = await queue.getJobs('completed', start, start + chunk - 1, true);
    for (const job of jobs) {
      if (!job || job.timestamp < since || job.finishedOn === undefined || job.processedOn === undefined) continue;
      queued.push(job.finishedOn - job.timestamp);
      service.push(job.finishedOn - job.processedOn);
      firstQueuedAt = Math.min(firstQueuedAt, job.timestamp);
      lastFinishedAt = Math.max(lastFinishedAt, job.finishedOn);
      // A job of one record returns its outcome; a page job the count of each.
      const value = job.returnvalue as { outcome?: unknown; outcomes?: Record<string, number> } | null;
      if (value?.outcomes)
        for (const [key, n] of Object.entries(value.outcomes)) outcomes[key] = (outcomes[key] ?? 0) + n;
      else {
        const key = typeof value?.outcome === 'string' ? value.outcome : 'other';
        outcomes[key] = (outcomes[key] ?? 0) + 1;
      }
    }
  }
  return {
    jobs: queued.length,
    queuedToDoneMs: summarize(queued),
    serviceMs: summarize(service),
    firstQueuedAt,
    lastFinishedAt,
    outcomes,
  };
}
