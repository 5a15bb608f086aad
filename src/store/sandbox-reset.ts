import type { Redis } from 'ioredis';

/** Accounts outlive a sandbox restart: the admin keeps signing in with the same password. */
const KEPT = ['users', 'session:', 'user-sessions:', 'api-tokens', 'login-fail:'] as const;

/**
 * Empties the ledger (and the queues) under `prefix` for simulators that start afresh: the
 * sandboxes are regenerated at every start, so complaints, tracking ids, send states and
 * answers of the last run would describe records that no longer exist, and a new forward
 * would be handed a tracking id the ledger already gives to another complaint. Accounts
 * stay. Returns how many keys were deleted.
 */
export async function resetSandboxLedger(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  // Ledger keys are `<prefix>:…`, BullMQ's `{<prefix>}:…` (a prefix holds no glob characters: the schema says so).
  for (const pattern of [`${prefix}:*`, `{${prefix}}:*`]) {
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      const doomed = found.filter((key) => !KEPT.some((kept) => key.startsWith(`${prefix}:${kept}`)));
      if (doomed.length > 0) deleted += await redis.unlink(...doomed);
    } while (cursor !== '0');
  }
  return deleted;
}
