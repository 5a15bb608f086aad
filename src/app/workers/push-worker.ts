import type { Lifecycle } from '../../lifecycle/lifecycle.js';
import { NO_OBSERVER, type PipelineObserver } from '../../monitoring/pipeline-observer.js';
import { decide } from '../../queue/error-policy.js';
import { executePush } from '../../push/execute.js';
import type { WriteEnded } from '../../push/service.js';
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
  const { push, sources } = runtime.config;
  const onWrite = (w: WriteEnded): void => {
    if (w.kind !== 'answers') return;
    const connector = sources[w.destination]?.kind ?? 'unknown';
    const after = w.approvedAt ? w.at.getTime() - Date.parse(w.approvedAt) : undefined;
    observer.answerWritten(w.destination, connector, w.outcome, after);
  };
  runtime.push.writes.on('ended', onWrite);
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
  lifecycle.add('push worker', async () => {
    await worker.close();
    runtime.push.writes.off('ended', onWrite);
  });
  return worker;
}
