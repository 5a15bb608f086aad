import type { Lifecycle } from '../../lifecycle/lifecycle.js';
import { ingestRecord } from '../../pipeline/ingest.js';
import { ingestJobSchema } from '../../queue/payloads.js';
import { createWorker, type WorkerHandle } from '../../queue/worker.js';
import type { Runtime } from '../runtime.js';
import { workerDeps } from './worker-deps.js';

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
