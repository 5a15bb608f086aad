import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const EXTEND =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

export interface HeldLock {
  /** False once the lock was lost (expired and taken by someone else). */
  readonly held: () => boolean;
  release(): Promise<void>;
}

/**
 * A single-Redis lease lock with automatic renewal, for work that must not run twice at
 * once across replicas (one poll per source). Returns undefined when someone else holds it.
 */
export async function acquireLock(redis: Redis, key: string, ttlMs: number): Promise<HeldLock | undefined> {
  const token = randomBytes(12).toString('hex');
  if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') return undefined;
  let held = true;
  const timer = setInterval(
    () => {
      redis.eval(EXTEND, 1, key, token, ttlMs).then(
        (ok) => (held = held && ok === 1),
        () => undefined,
      );
    },
    Math.max(100, Math.floor(ttlMs / 3)),
  );
  timer.unref();
  return {
    held: () => held,
    async release() {
      clearInterval(timer);
      held = false;
      await redis.eval(RELEASE, 1, key, token);
    },
  };
}
