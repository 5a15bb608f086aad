import type { Lifecycle } from '../../lifecycle/lifecycle.js';
import { NO_OBSERVER, type PipelineObserver } from '../../monitoring/pipeline-observer.js';
import { ingestRecord } from '../../pipeline/ingest.js';
import { ingestJobSchema } from '../../queue/payloads.js';
import { createWorker, type WorkerHandle } from '../../queue/worker.js';
import type { Runtime } from '../runtime.js';
import { workerDeps } from './worker-deps.js';

export function startIngestWorker(runtime: Runtime, lifecycle: Lifecycle, observer: PipelineObserver = NO_OBSERVER): WorkerHandle {
  const ingest = createWorker(
    'ingest',
    async ({ job }) => {
      const data = ingestJobSchema.parse(job.data);
      const result = await ingestRecord(runtime.ingestDeps, data.source, data.externalId);
      observer.ingested(data.source, result.outcome);
      return result;
    },
    workerDeps(runtime),
    { concurrency: runtime.config.pipeline.concurrency.ingest, lockMs: runtime.config.pipeline.jobLockMs },
  );
  lifecycle.add('ingest worker', () => ingest.close());
  return ingest;
}
