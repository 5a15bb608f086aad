import type { Lifecycle } from '../../lifecycle/lifecycle.js';
import { pollSource } from '../../pipeline/poll.js';
import { pollJobSchema } from '../../queue/payloads.js';
import { createWorker, type WorkerHandle } from '../../queue/worker.js';
import type { Runtime } from '../runtime.js';
import { workerDeps } from './worker-deps.js';

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
