import type { Logger } from 'pino';
import type { Lifecycle } from '../../lifecycle/lifecycle.js';
import { NO_OBSERVER, type PipelineObserver } from '../../monitoring/pipeline-observer.js';
import { pollSource, type PollResult } from '../../pipeline/poll.js';
import { reconcileSource } from '../../pipeline/reconcile.js';
import type { PollJob } from '../../queue/payloads.js';
import { refetchQuarantined } from '../../pipeline/refetch.js';
import { resettle } from '../../pipeline/resettle.js';
import { finishCaseChanges } from '../../dedup/cases.js';
import { pollJobSchema } from '../../queue/payloads.js';
import { createWorker, type WorkerHandle } from '../../queue/worker.js';
import type { Runtime } from '../runtime.js';
import { workerDeps } from './worker-deps.js';

/** One reconciliation round of a source over `pipeline.reconcile.days`, logged and counted. */
async function reconcile(
  runtime: Runtime,
  job: PollJob,
  ctx: { signal: AbortSignal; log: Logger },
  observer: PipelineObserver,
): Promise<PollResult> {
  const { days } = runtime.config.pipeline.reconcile;
  const since = new Date(runtime.clock.now().getTime() - days * 86_400_000);
  const result = await reconcileSource(runtime.pollDeps, job, ctx, since);
  observer.reconciled(job.source, result.missing);
  const fields = { days, pages: result.pages, missing: result.missing, outcome: result.outcome };
  if (result.missing > 0)
    ctx.log.warn(
      {
        ...fields,
        meaning:
          "the source lists records the ledger did not hold: the regular polls missed them, and they are ingested now. Repeated findings point at the source's paging (check its paging style) or its clock",
      },
      'reconciliation found records missing from the ledger',
    );
  else ctx.log.info(fields, 'reconciliation finished: the ledger holds every record the source lists');
  return result;
}

export function startPollWorker(
  runtime: Runtime,
  lifecycle: Lifecycle,
  observer: PipelineObserver = NO_OBSERVER,
): WorkerHandle {
  const { store, clock } = runtime;
  const poll = createWorker(
    'poll',
    async ({ job, log, signal }) => {
      const data = pollJobSchema.parse(job.data);
      const started = clock.now().getTime();
      try {
        if (data.lane === 'live') {
          const { afterMs, perPoll } = runtime.config.pipeline.resettle;
          const finished = await finishCaseChanges(runtime.caseDeps, new Date(clock.now().getTime() - afterMs));
          if (finished > 0)
            log.warn(
              {
                changes: finished,
                meaning:
                  'a merge or split of cases stopped after moving complaints and before moving their answers (a worker killed during it): it is finished now, and the answers are queued for every record of their case',
              },
              'case merges or splits cut short are finished',
            );
          const again = await resettle(runtime.pollDeps, data.source, { afterMs, limit: perPoll });
          if (again > 0)
            log.warn(
              {
                records: again,
                meaning:
                  'their ingest stopped before it finished (a worker killed during it, or its job given up): they are ingested again, which writes what the ledger lacks and plans their pushes; nothing is sent twice',
              },
              'records whose ingest did not finish are ingested again',
            );
        }
        const result =
          data.lane === 'reconcile'
            ? await reconcile(runtime, data, { signal, log }, observer)
            : await pollSource(runtime.pollDeps, data, { signal, log });
        const { perPoll, afterMs } = runtime.config.pipeline.quarantineRefetch;
        if (result.outcome === 'done' && perPoll > 0) {
          // The poll itself succeeded: a source that fails the re-fetch only postpones it to the next poll.
          await refetchQuarantined(
            runtime.pollDeps,
            data.source,
            { limit: perPoll, afterMs, now: clock.now() },
            signal,
          ).then(
            (refetched) => refetched.tried > 0 && log.info(refetched, 'quarantined records fetched again'),
            (err: unknown) =>
              log.warn(
                {
                  err,
                  meaning:
                    'the records stay in quarantine with their reason (lapor-bridge quarantine list); nothing else is held up',
                },
                'quarantined records could not be fetched again now; next poll tries again',
              ),
          );
        }
        observer.polled(data.source, result.outcome, { ...result, durationMs: clock.now().getTime() - started });
        return result;
      } catch (err) {
        observer.polled(data.source, 'failed', { records: 0, invalid: 0, durationMs: clock.now().getTime() - started });
        throw err;
      }
    },
    workerDeps(runtime),
    {
      concurrency: runtime.config.pipeline.concurrency.poll,
      lockMs: runtime.config.pipeline.jobLockMs,
      resetCursor: async (job) => {
        const { source, lane } = pollJobSchema.parse(job.data);
        await store.cursors.reset(source, lane);
        await store.audit({
          who: `worker:poll`,
          what: 'cursor_reset',
          why: `${source} rejected the cursor; pulling again from the start (the ledger ignores what it already holds)`,
          detail: { source },
        });
      },
    },
  );
  lifecycle.add('poll worker', () => poll.close());
  return poll;
}
