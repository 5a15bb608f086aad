import type { Redis } from '../redis/client.js';
import type { Clock } from '../domain/clock.js';
import { SYNC_RUNS_MAXLEN, syncRunFields, type SyncRun } from './audit.js';
import type { Lane } from './cursors.js';
import type { LedgerKeys } from './keys.js';
import type { PushCounts } from './push-tally.js';
import { leaseToken, RELEASE_LEASE, renewedLease, type HeldLock } from './lock.js';
import { CLEARED_ON_SUCCESS, pollingFields, succeededFields } from './source-states.js';

/**
 * KEYS: poll lease, source state, cursor; ARGV: token, ttl ms, polling fields…. The lease is
 * taken as `acquireLock` takes it (SET NX PX); only its holder marks the source polling and
 * reads the cursor, in the same call.
 */
const BEGIN = `
if not redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return false end
redis.call('hset', KEYS[2], unpack(ARGV, 3))
return {1, redis.call('get', KEYS[3])}
`;

/**
 * KEYS: poll lease, source state, sync runs, the source's push tally; ARGV: token, stream cap,
 * succeeded field count, succeeded fields…, cleared fields count, cleared fields…, sync-run
 * fields…. The source is marked succeeded, the push tally taken into the run's entry, the run
 * logged, and the lease released only if it is still this poll's. Returns {pushed, failed}.
 */
const FINISH = `${RELEASE_LEASE}
local n = tonumber(ARGV[3])
redis.call('hset', KEYS[2], unpack(ARGV, 4, 3 + n))
local c = tonumber(ARGV[4 + n])
redis.call('hdel', KEYS[2], unpack(ARGV, 5 + n, 4 + n + c))
local pushed = tonumber(redis.call('hget', KEYS[4], 'pushed') or '0')
local failed = tonumber(redis.call('hget', KEYS[4], 'failed') or '0')
redis.call('del', KEYS[4])
local fields = {unpack(ARGV, 5 + n + c)}
table.insert(fields, 'pushed')
table.insert(fields, tostring(pushed))
table.insert(fields, 'failed')
table.insert(fields, tostring(failed))
redis.call('xadd', KEYS[3], 'MAXLEN', '~', ARGV[2], '*', unpack(fields))
release_lease(KEYS[1], ARGV[1])
return {pushed, failed}
`;

/** A poll under way: its lease and the cursor it starts from. */
export interface PollStart {
  lock: HeldLock;
  cursor: string | null;
  /**
   * Marks the source succeeded, logs the run with the push stage's writes to the source since
   * its previous run (taken from the tally), and releases the lease, in one call.
   */
  finish(items: number, run: Omit<SyncRun, keyof PushCounts>): Promise<PushCounts>;
}

/**
 * A poll's bookkeeping in two calls, so a poll with nothing new costs two round trips besides
 * its own reads: the start (lease, state "polling", cursor) and the end (state "idle", the
 * sync-run entry, lease released). The lease is the same renewed lease as `acquireLock`'s.
 */
export class PollBookkeeping {
  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
    private readonly clock: Clock,
  ) {}

  /** Undefined when another poll of this source and lane holds the lease. */
  async begin(source: string, lane: Lane, lockName: string, ttlMs: number): Promise<PollStart | undefined> {
    const key = this.keys.lock(lockName);
    const token = leaseToken();
    const begun = (await this.redis.eval(
      BEGIN,
      3,
      key,
      this.keys.sourceState(source),
      this.keys.cursor(source, lane),
      token,
      ttlMs,
      ...pollingFields(this.clock.now()),
    )) as [number, string | null] | null;
    if (!begun) return undefined;
    const lock = renewedLease(this.redis, key, token, ttlMs);
    return {
      lock,
      cursor: begun[1] ?? null,
      finish: async (items, run) => {
        const succeeded = succeededFields(this.clock.now(), items);
        lock.releasedElsewhere();
        const [pushed, failed] = (await this.redis.eval(
          FINISH,
          4,
          key,
          this.keys.sourceState(source),
          this.keys.syncRuns(),
          this.keys.pushTally(source),
          token,
          SYNC_RUNS_MAXLEN,
          succeeded.length,
          ...succeeded,
          CLEARED_ON_SUCCESS.length,
          ...CLEARED_ON_SUCCESS,
          ...syncRunFields(run),
        )) as [number, number];
        return { pushed, failed };
      },
    };
  }
}
