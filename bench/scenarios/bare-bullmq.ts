import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { createRedis } from '../../src/redis/connection.js';
import { measureCpu, type CpuReport } from '../lib/cpu.js';
import { completedJobTimings, type JobTimings } from '../lib/queue-watch.js';
import { deletePrefix } from '../lib/redis-prefix.js';
import { ratePerSecond } from '../lib/stats.js';

export type BareJob = 'no-op' | 'one HSET of 1 KB';

export interface BareRun {
  job: BareJob;
  jobs: number;
  elapsedMs: number;
  perSecond: number;
  timings: JobTimings;
  cpu: CpuReport;
}

/** A record-sized value: about 1 KB of JSON, like a LAPOR report's raw form. */
const RECORD = JSON.stringify({
  id: 0,
  title: 'Jalan rusak di Desa Tambakromo'.padEnd(64, '.'),
  content: 'x'.repeat(820),
  status: 'Terdisposisi',
  created_at: '2024-01-01T00:00:00Z',
});

/**
 * The floor the pipeline is held against: plain BullMQ on the same Redis, one job per
 * record added with addBulk in pages (as a poll adds them), one Worker with concurrency
 * 100, completed jobs kept by the same rule as the daemon's. The job does nothing, or one
 * HSET of a 1 KB record (the least a durable ingest can do).
 */
export async function runBareBullmq(
  redisUrl: string,
  admin: Redis,
  prefix: string,
  job: BareJob,
  jobs: number,
  pageSize: number,
  timeoutMs: number,
): Promise<BareRun> {
  const producer = createRedis(redisUrl, 'worker');
  const consumer = createRedis(redisUrl, 'worker');
  const store = createRedis(redisUrl, 'worker');
  const queuePrefix = `{${prefix}}`;
  const queue = new Queue('bare', {
    connection: producer,
    prefix: queuePrefix,
    defaultJobOptions: { removeOnComplete: { age: 24 * 3600, count: 50_000 }, removeOnFail: { age: 14 * 24 * 3600 } },
  });
  let done = 0;
  let finish: () => void = () => undefined;
  const allDone = new Promise<void>((resolve) => (finish = resolve));
  const worker = new Worker(
    'bare',
    async (j) => {
      if (job === 'one HSET of 1 KB') await store.hset(`${prefix}:records`, String(j.data.i), RECORD);
      return null;
    },
    { connection: consumer, prefix: queuePrefix, concurrency: 100, autorun: false },
  );
  worker.on('completed', () => {
    done += 1;
    if (done === jobs) finish();
  });
  try {
    await worker.waitUntilReady();
    void worker.run();
    const started = Date.now();
    const { cpu } = await measureCpu(admin, async () => {
      for (let from = 0; from < jobs; from += pageSize) {
        const page = Array.from({ length: Math.min(pageSize, jobs - from) }, (_, k) => ({
          name: 'bare',
          data: { i: from + k },
          opts: { jobId: `bare.${from + k}` },
        }));
        await queue.addBulk(page);
      }
      await Promise.race([
        allDone,
        new Promise((_, reject) =>
          setTimeout(
            () => reject(new Error(`bare BullMQ (${job}): ${done} of ${jobs} jobs after ${timeoutMs} ms`)),
            timeoutMs,
          ).unref(),
        ),
      ]);
    });
    const timings = await completedJobTimings(queue, started);
    const elapsedMs = timings.lastFinishedAt - started;
    return { job, jobs, elapsedMs, perSecond: ratePerSecond(jobs, elapsedMs), timings, cpu };
  } finally {
    await worker.close();
    await queue.close();
    for (const c of [producer, consumer, store]) c.disconnect();
    await deletePrefix(admin, prefix);
  }
}
