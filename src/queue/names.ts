/** Every BullMQ queue of the daemon. Job payloads carry ids only, never citizen data. */
export const QUEUE_NAMES = ['poll', 'ingest', 'push'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** BullMQ prefix: the braces make it a Redis Cluster hash tag, so a queue's keys share a slot. */
export function queuePrefix(keyPrefix: string): string {
  return `{${keyPrefix}}`;
}
