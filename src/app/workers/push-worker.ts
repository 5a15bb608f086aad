import { UnrecoverableError } from 'bullmq';
import type { Lifecycle } from '../../lifecycle/lifecycle.js';
import { executePush } from '../../push/execute.js';
import { pushJobSchema } from '../../push/tasks.js';
import { pushBackoff } from '../../queue/queues.js';
import { createWorker, type WorkerHandle } from '../../queue/worker.js';
import type { Runtime } from '../runtime.js';
import { workerDeps } from './worker-deps.js';

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
