import type { Lifecycle } from '../../lifecycle/lifecycle.js';
import { NO_OBSERVER, type PipelineObserver } from '../../monitoring/pipeline-observer.js';
import type { WorkerHandle } from '../../queue/worker.js';
import type { Runtime } from '../runtime.js';
import { startIngestWorker } from './ingest-worker.js';
import { startPollWorker } from './poll-worker.js';
import { startPushWorker } from './push-worker.js';

export { startIngestWorker, startPollWorker, startPushWorker };

/** The poll, ingest and push workers, each registered with the lifecycle so they drain on stop. */
export function startPipelineWorkers(
  runtime: Runtime,
  lifecycle: Lifecycle,
  observer: PipelineObserver = NO_OBSERVER,
): WorkerHandle[] {
  return [
    startPushWorker(runtime, lifecycle, observer),
    startIngestWorker(runtime, lifecycle, observer),
    startPollWorker(runtime, lifecycle, observer),
  ];
}
