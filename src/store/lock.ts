import { randomBytes } from 'node:crypto';
import type { Redis } from '../redis/client.js';
import { LuaScript } from './lua-script.js';

/** Lua: `release_lease(key, token)` deletes the lease only if it is still the token's. */
export const RELEASE_LEASE = `
local function release_lease(key, token)
  if redis.call('get', key) == token then return redis.call('del', key) end
  return 0
end
`;
const RELEASE = new LuaScript(`${RELEASE_LEASE}
return release_lease(KEYS[1], ARGV[1])
`);
const EXTEND = new LuaScript(
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end",
);

export interface HeldLock {
  /** False once the lock was lost (expired and taken by someone else), or released. */
  readonly held: () => boolean;
  /** Gives the lock up (only if it is still ours); a second call does nothing. */
  release(): Promise<void>;
}

/** A lease a script can release with the writes it makes last (`release_lease`), then told so. */
export interface Lease extends HeldLock {
  key: string;
  token: string;
  releasedElsewhere(): void;
}

/** A lease's secret: only its holder can extend or release it. */
export function leaseToken(): string {
  return randomBytes(12).toString('hex');
}

/**
 * A lease taken with `token` (by `acquireLock`, or inside a script that does more in the same
 * call), renewed every third of its time while held. `releasedElsewhere` tells it that a
 * script released it (only if the token still matched), so `release` has nothing left to do.
 */
export function renewedLease(redis: Redis, key: string, token: string, ttlMs: number): Lease {
  let held = true;
  let released = false;
  const timer = setInterval(
    () => {
      EXTEND.run(redis, [key], [token, ttlMs]).then(
        (ok) => (held = held && ok === 1),
        () => undefined,
      );
    },
    Math.max(100, Math.floor(ttlMs / 3)),
  );
  timer.unref();
  const stop = () => {
    clearInterval(timer);
    held = false;
    const first = !released;
    released = true;
    return first;
  };
  return {
    key,
    token,
    held: () => held,
    releasedElsewhere: () => void stop(),
    async release() {
      if (stop()) await RELEASE.run(redis, [key], [token]);
    },
  };
}

/**
 * A single-Redis lease lock with automatic renewal, for work that must not run twice at
 * once across replicas (one poll per source). Returns undefined when someone else holds it.
 */
export async function acquireLock(redis: Redis, key: string, ttlMs: number): Promise<HeldLock | undefined> {
  const token = leaseToken();
  if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') return undefined;
  return renewedLease(redis, key, token, ttlMs);
}
