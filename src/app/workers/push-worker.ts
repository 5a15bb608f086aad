import type { Lifecycle } from '../../lifecycle/lifecycle.js';
import { NO_OBSERVER, type PipelineObserver } from '../../monitoring/pipeline-observer.js';
import { decide } from '../../queue/error-policy.js';
import { executePush } from '../../push/execute.js';
import { pushJobSchema } from '../../domain/push-job.js';
import { pushBackoff } from '../../queue/queues.js';
import { createWorker, type WorkerHandle } from '../../queue/worker.js';
import type { Runtime } from '../runtime.js';
import { workerDeps } from './worker-deps.js';

export function startPushWorker(
  runtime: Runtime,
  lifecycle: Lifecycle,
  observer: PipelineObserver = NO_OBSERVER,
): WorkerHandle {
  const { push } = runtime.config;
  const worker = createWorker(
    'push',
    async ({ job, log }) => {
      const task = pushJobSchema.parse(job.data);
      // Status and tracking writes go back to the complaint's own record: "origin".
      const destination =
        task.kind === 'forward' ? task.destination : task.kind === 'answers' ? task.target.system : 'origin';
      try {
        const outcome = await executePush(runtime.push, task, log);
        if ('done' in outcome) observer.pushed(task.kind, destination, 'done');
        else observer.pushed(task.kind, destination, 'skipped', outcome.reason);
        return outcome;
      } catch (err) {
        observer.pushed(task.kind, destination, decide(err, 'write').action === 'delay' ? 'waiting' : 'failed');
        throw err;
      }
    },
    workerDeps(runtime),
    {
      concurrency: push.concurrency,
      work: 'write',
      giveUpAfterMs: push.giveUpAfterMs,
      lockMs: runtime.config.pipeline.jobLockMs,
      backoffStrategy: (attemptsMade) => pushBackoff(push.backoffMs, attemptsMade),
    },
  );
  lifecycle.add('push worker', () => worker.close());
  return worker;
}
