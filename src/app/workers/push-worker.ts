import { UnrecoverableError } from 'bullmq';
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
        const decision = decide(err, 'write');
        observer.pushed(task.kind, destination, decision.action === 'delay' ? 'waiting' : 'failed');
        // Past the horizon a push stops retrying and waits in the dead-letter list for an operator
        // (waiting for the write budget is not retrying: it never ends a push).
        if (
          runtime.clock.now().getTime() - job.timestamp < push.giveUpAfterMs ||
          err instanceof UnrecoverableError ||
          (decision.action === 'delay' && decision.budget)
        )
          throw err;
        throw Object.assign(
          new UnrecoverableError(
            `gave up after ${Math.round(push.giveUpAfterMs / 60_000)} min of retries: ${err instanceof Error ? err.message : String(err)}`,
          ),
          { cause: err },
        );
      }
    },
    workerDeps(runtime),
    {
      concurrency: push.concurrency,
      work: 'write',
      lockMs: runtime.config.pipeline.jobLockMs,
      backoffStrategy: (attemptsMade) => pushBackoff(push.backoffMs, attemptsMade),
    },
  );
  lifecycle.add('push worker', () => worker.close());
  return worker;
}
