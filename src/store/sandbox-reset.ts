import { keyHolders, type Redis } from '../redis/client.js';
import { keyPatterns } from './keys.js';

/**
 * Accounts outlive a sandbox restart: the admin keeps signing in with the same password. So
 * do the rekap's change counters, which only ever grow: a day summary that survived the
 * reset could otherwise meet the same counter sum again and be taken for current.
 */
const KEPT = ['users', 'session:', 'user-sessions:', 'api-tokens', 'login-fail:', 'rekap:versions'] as const;

/**
 * Empties the ledger (and the queues) under `prefix` for simulators that start afresh: the
 * sandboxes are regenerated at every start, so complaints, tracking ids, send states and
 * answers of the last run would describe records that no longer exist, and a new forward
 * would be handed a tracking id the ledger already gives to another complaint. Accounts
 * stay. Returns how many keys were deleted.
 */
export async function resetSandboxLedger(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  // A prefix holds no glob characters: the schema says so.
  for (const node of keyHolders(redis))
    for (const pattern of keyPatterns(prefix)) {
      let cursor = '0';
      do {
        const [next, found] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        const doomed = found.filter((key) => !KEPT.some((kept) => key.startsWith(`${prefix}:${kept}`)));
        if (doomed.length > 0) deleted += await node.unlink(...doomed);
      } while (cursor !== '0');
    }
  return deleted;
}
