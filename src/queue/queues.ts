import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE_NAMES, queuePrefix, type QueueName } from './names.js';

export type Queues = Readonly<Record<QueueName, Queue>>;

export function createQueues(connection: Redis, keyPrefix: string): Queues {
  const prefix = queuePrefix(keyPrefix);
  const entries = QUEUE_NAMES.map((name) => [name, new Queue(name, { connection, prefix })] as const);
  return Object.fromEntries(entries) as Record<QueueName, Queue>;
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.allSettled(Object.values(queues).map((q) => q.close()));
}
