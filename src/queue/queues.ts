import { Queue, type DefaultJobOptions } from 'bullmq';
import type { Redis } from '../redis/client.js';
import type { Config } from '../config/schema.js';
import { QUEUE_NAMES, queuePrefix, type QueueName } from './names.js';

export type Queues = Readonly<Record<QueueName, Queue>>;

const DAY_S = 24 * 3600;
/** Failed jobs kept per queue, at most: what failed for good is a dead letter (src/queue/dead-letters.ts), not a job. */
const FAILED_KEPT = 10_000;
export const PUSH_BACKOFF = 'push-schedule';
const PUSH_ATTEMPTS_BACKSTOP = 100_000;

/** Delay before retry n (1-based) on the configured schedule; its last step repeats. */
export function pushBackoff(schedule: readonly number[], attemptsMade: number): number {
  return schedule[Math.min(Math.max(attemptsMade, 1), schedule.length) - 1] ?? 0;
}

/**
 * Completed jobs are kept a day: long enough that a late replica's poll for the same slot,
 * or a re-delivered identical record, finds its job id taken and is not run again.
 * The ledger, not the queue, is the record of what happened.
 */
export function jobDefaults(config: Pick<Config, 'pipeline' | 'push'>, name: QueueName): DefaultJobOptions {
  const { pipeline } = config;
  if (name === 'push') {
    // Pushes retry on the configured schedule until push.giveUpAfterMs; the attempt count is only a backstop.
    return {
      attempts: PUSH_ATTEMPTS_BACKSTOP,
      backoff: { type: PUSH_BACKOFF },
      removeOnComplete: { age: DAY_S, count: 50_000 },
      removeOnFail: { age: 14 * DAY_S, count: FAILED_KEPT },
    };
  }
  return {
    attempts: name === 'poll' ? pipeline.attempts.poll : pipeline.attempts.ingest,
    backoff: { type: 'exponential', delay: pipeline.backoffMs },
    removeOnComplete: { age: DAY_S, count: 50_000 },
    removeOnFail: { age: 14 * DAY_S, count: FAILED_KEPT },
  };
}

export function createQueues(connection: Redis, keyPrefix: string, config?: Pick<Config, 'pipeline' | 'push'>): Queues {
  const prefix = queuePrefix(keyPrefix);
  const entries = QUEUE_NAMES.map(
    (name) =>
      [
        name,
        new Queue(name, { connection, prefix, ...(config ? { defaultJobOptions: jobDefaults(config, name) } : {}) }),
      ] as const,
  );
  return Object.fromEntries(entries) as Record<QueueName, Queue>;
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.allSettled(Object.values(queues).map((q) => q.close()));
}
