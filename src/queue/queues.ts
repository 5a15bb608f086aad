import { Queue, type DefaultJobOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../config/schema.js';
import { QUEUE_NAMES, queuePrefix, type QueueName } from './names.js';

export type Queues = Readonly<Record<QueueName, Queue>>;

const DAY_S = 24 * 3600;

/**
 * Completed jobs are kept a day: long enough that a late replica's poll for the same slot,
 * or a re-delivered identical record, finds its job id taken and is not run again.
 * The ledger, not the queue, is the record of what happened.
 */
export function jobDefaults(pipeline: Config['pipeline'], name: QueueName): DefaultJobOptions {
  const attempts = name === 'poll' ? pipeline.attempts.poll : pipeline.attempts.ingest;
  return {
    attempts,
    backoff: { type: 'exponential', delay: pipeline.backoffMs },
    removeOnComplete: { age: DAY_S, count: 50_000 },
    removeOnFail: { age: 14 * DAY_S },
  };
}

export function createQueues(connection: Redis, keyPrefix: string, pipeline?: Config['pipeline']): Queues {
  const prefix = queuePrefix(keyPrefix);
  const entries = QUEUE_NAMES.map((name) => [name, new Queue(name, { connection, prefix, ...(pipeline ? { defaultJobOptions: jobDefaults(pipeline, name) } : {}) })] as const);
  return Object.fromEntries(entries) as Record<QueueName, Queue>;
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.allSettled(Object.values(queues).map((q) => q.close()));
}
