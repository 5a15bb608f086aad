/** Every BullMQ queue of the daemon. Job payloads carry ids only, never citizen data. */
export const QUEUE_NAMES = ['poll', 'ingest', 'push'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

// The queues' prefix is decided with the ledger's key names.
export { queuePrefix } from '../store/keys.js';
