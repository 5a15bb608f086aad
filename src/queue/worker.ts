import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.js';
import { createRedis } from '../redis/connection.js';
import type { RedisSettings } from '../redis/topology.js';
import type { Store } from '../store/store.js';
import { recordDeadLetter, workKey } from './dead-letters.js';
import { decide, enforce, type Work } from './error-policy.js';
import { errorFields, failureLog } from './failure-log.js';
import { queuePrefix, type QueueName } from './names.js';

export interface WorkerDeps {
  /** Where Redis is: each worker makes its own connection there. */
  redis: RedisSettings;
  keyPrefix: string;
  store: Store;
  clock: Clock;
  logger: Logger;
}

export interface JobContext {
  job: Job;
  log: Logger;
  /** Aborted when the worker is closing: long jobs stop at a safe point. */
  signal: AbortSignal;
}

export type Processor<R> = (ctx: JobContext) => Promise<R>;

export interface WorkerHandle {
  worker: Worker;
  close(): Promise<void>;
}

/** Lock lapses a job survives before it is failed (then dead-lettered); a poison job still ends there. */
const MAX_STALLED = 10;

/**
 * Every worker is made here: a connection of its own, a child logger per job, the one error
 * policy, and dead-lettering of work that failed for good.
 */
export function createWorker<R>(
  name: QueueName,
  processor: Processor<R>,
  deps: WorkerDeps,
  options: {
    concurrency: number;
    lockMs: number;
    work?: Work;
    /** Work retried this long since its job was added is given up (decided by `decide`). */
    giveUpAfterMs?: number;
    backoffStrategy?: (attemptsMade: number) => number;
    resetCursor?: (job: Job) => Promise<void>;
  },
): WorkerHandle {
  const connection = createRedis(deps.redis, 'worker');
  const log = deps.logger.child({ component: `worker:${name}` });
  connection.on('error', (err) =>
    log.warn(
      { error: err.message, meaning: 'work pauses until Redis answers again; nothing is lost' },
      'redis connection error',
    ),
  );
  const closing = new AbortController();

  const worker = new Worker(
    name,
    async (job, token) => {
      const jobLog = log.child({ jobId: job.id, ...pickIds(job.data) });
      try {
        return await processor({ job, log: jobLog, signal: closing.signal });
      } catch (err) {
        const decision = decide(
          err,
          options.work,
          options.giveUpAfterMs === undefined
            ? undefined
            : { triedForMs: deps.clock.now().getTime() - job.timestamp, giveUpAfterMs: options.giveUpAfterMs },
        );
        const said = failureLog(decision, err);
        jobLog[said.level](
          { ...said.fields, decision: decision.action, attempt: job.attemptsMade + 1, meaning: said.meaning },
          said.message,
        );
        return enforce(decision, err, job, token, {
          resetCursor: options.resetCursor && (() => options.resetCursor!(job)),
        });
      }
    },
    {
      connection,
      prefix: queuePrefix(deps.keyPrefix),
      concurrency: options.concurrency,
      lockDuration: options.lockMs,
      stalledInterval: options.lockMs,
      // Every job is idempotent, so a job whose lock lapsed (its worker killed, or too starved to
      // renew it) is taken up again rather than failed at its second lapse (BullMQ's default of 1).
      maxStalledCount: MAX_STALLED,
      ...(options.backoffStrategy ? { settings: { backoffStrategy: options.backoffStrategy } } : {}),
    },
  );

  worker.on('failed', (job, err) => {
    if (!job) return;
    const final =
      err instanceof UnrecoverableError ||
      err.name === 'UnrecoverableError' ||
      job.attemptsMade >= (job.opts.attempts ?? 1);
    if (!final) return;
    recordDeadLetter(deps.store, deps.clock, name, job, err).then(
      (key) =>
        log.error(
          {
            jobId: job.id,
            key,
            ...errorFields(err.cause ?? err),
            meaning: `waits for an operator: lapor-bridge dlq list shows why; lapor-bridge dlq retry ${key} resends it once the cause is fixed`,
          },
          'job dead-lettered',
        ),
      (e: unknown) =>
        log.error(
          {
            err: e,
            meaning:
              "the failed job stays in BullMQ's failed list (bull-board) but not in lapor-bridge dlq; check Redis",
          },
          'could not record dead letter',
        ),
    );
  });
  worker.on('completed', (job) => {
    // A resend that succeeded clears its dead letter.
    if (/\.r\d+$/.test(job.id ?? '')) void deps.store.deadLetters.delete(workKey(name, job.id!)).catch(() => undefined);
  });
  worker.on('error', (err) =>
    log.error({ err, meaning: 'the worker keeps running; if this repeats, check Redis and /readyz' }, 'worker error'),
  );

  return {
    worker,
    async close() {
      closing.abort(new Error('worker closing'));
      try {
        await worker.close();
      } finally {
        connection.disconnect();
      }
    },
  };
}

/** Ids that help an operator follow a job in the logs; never citizen data. */
function pickIds(data: unknown): Record<string, string> {
  if (typeof data !== 'object' || data === null) return {};
  const out: Record<string, string> = {};
  for (const key of ['source', 'externalId', 'complaintId', 'destination'] as const) {
    const value = (data as Record<string, unknown>)[key];
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}
