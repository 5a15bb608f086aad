import { UnrecoverableError } from 'bullmq';
import type { Lifecycle } from '../lifecycle/lifecycle.js';
import { executePush } from '../push/execute.js';
import { pushJobSchema } from '../push/tasks.js';
import { pushBackoff } from '../queue/queues.js';
import { ingestJobSchema, pollJobSchema } from '../queue/payloads.js';
import { createWorker, type WorkerHandle } from '../queue/worker.js';
import type { Runtime } from '../runtime.js';
import { ingestRecord } from './ingest.js';
import { pollSource } from './poll.js';

function workerDeps(runtime: Runtime) {
  const { config, store, clock, logger } = runtime;
  return { redisUrl: config.redis.url, keyPrefix: config.redis.keyPrefix, store, clock, logger };
}

export function startIngestWorker(runtime: Runtime, lifecycle: Lifecycle): WorkerHandle {
  const ingest = createWorker(
    'ingest',
    async ({ job }) => {
      const data = ingestJobSchema.parse(job.data);
      return ingestRecord(runtime.ingestDeps, data.source, data.externalId);
    },
    workerDeps(runtime),
    { concurrency: runtime.config.pipeline.concurrency.ingest, lockMs: runtime.config.pipeline.jobLockMs },
  );
  lifecycle.add('ingest worker', () => ingest.close());
  return ingest;
}

export function startPollWorker(runtime: Runtime, lifecycle: Lifecycle): WorkerHandle {
  const { store } = runtime;
  const poll = createWorker(
    'poll',
    async ({ job, log, signal }) => pollSource(runtime.pollDeps, pollJobSchema.parse(job.data), { signal, log }),
    workerDeps(runtime),
    {
      concurrency: runtime.config.pipeline.concurrency.poll,
      lockMs: runtime.config.pipeline.jobLockMs,
      resetCursor: async (job) => {
        const { source, lane } = pollJobSchema.parse(job.data);
        await store.cursors.reset(source, lane);
        await store.audit({ who: `worker:poll`, what: 'cursor_reset', why: `${source} rejected the cursor; pulling again from the start (the ledger ignores what it already holds)` });
      },
    },
  );
  lifecycle.add('poll worker', () => poll.close());
  return poll;
}

export function startPushWorker(runtime: Runtime, lifecycle: Lifecycle): WorkerHandle {
  const { push } = runtime.config;
  const worker = createWorker(
    'push',
    async ({ job, log }) => {
      try {
        return await executePush(runtime.push, pushJobSchema.parse(job.data), log);
      } catch (err) {
        // Past the horizon a push stops retrying and waits in the dead-letter list for an operator.
        if (runtime.clock.now().getTime() - job.timestamp < push.giveUpAfterMs || err instanceof UnrecoverableError) throw err;
        throw Object.assign(new UnrecoverableError(`gave up after ${Math.round(push.giveUpAfterMs / 60_000)} min of retries: ${err instanceof Error ? err.message : String(err)}`), { cause: err });
      }
    },
    workerDeps(runtime),
    { concurrency: push.concurrency, lockMs: runtime.config.pipeline.jobLockMs, backoffStrategy: (attemptsMade) => pushBackoff(push.backoffMs, attemptsMade) },
  );
  lifecycle.add('push worker', () => worker.close());
  return worker;
}

/** The poll, ingest and push workers, each registered with the lifecycle so they drain on stop. */
export function startPipelineWorkers(runtime: Runtime, lifecycle: Lifecycle): WorkerHandle[] {
  return [startPushWorker(runtime, lifecycle), startIngestWorker(runtime, lifecycle), startPollWorker(runtime, lifecycle)];
}
