import type { Lifecycle } from '../../lifecycle/lifecycle.js';
import { NO_OBSERVER, type PipelineObserver } from '../../monitoring/pipeline-observer.js';
import { ingestPage } from '../../pipeline/ingest.js';
import { ingestJobSchema } from '../../queue/payloads.js';
import { createWorker, type WorkerHandle } from '../../queue/worker.js';
import type { Runtime } from '../runtime.js';
import { workerDeps } from './worker-deps.js';

export function startIngestWorker(
  runtime: Runtime,
  lifecycle: Lifecycle,
  observer: PipelineObserver = NO_OBSERVER,
): WorkerHandle {
  const ingest = createWorker(
    'ingest',
    async ({ job }) => {
      const data = ingestJobSchema.parse(job.data);
      const results = await ingestPage(runtime.ingestDeps, data.source, data.externalIds);
      const outcomes: Record<string, number> = {};
      for (const r of results) {
        observer.ingested(data.source, r.outcome);
        outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
      }
      if ('run' in data && data.run) await runtime.store.runIntake.add(data.run, outcomes);
      return { records: results.length, outcomes };
    },
    workerDeps(runtime),
    { concurrency: runtime.config.pipeline.concurrency.ingest, lockMs: runtime.config.pipeline.jobLockMs },
  );
  lifecycle.add('ingest worker', () => ingest.close());
  return ingest;
}
