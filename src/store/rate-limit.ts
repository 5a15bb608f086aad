import { ConnectorError } from '../domain/failures.js';
import type { LedgerKeys } from './keys.js';

/**
 * Writes per destination per minute, counted in Redis so every replica shares the budget.
 * Over budget, the write waits for the next minute through the ordinary RATE_LIMITED path.
 */

/** Lua: `count_write(key)` counts one write in a minute's counter and returns the count so far. */
export const COUNT_WRITE = `
local function count_write(key)
  local count = redis.call('incr', key)
  redis.call('expire', key, 120)
  return count
end
`;

/** The counter of the minute `now` falls in. */
export function writeSlotKey(keys: LedgerKeys, destination: string, now: Date): string {
  return keys.rate(destination, Math.floor(now.getTime() / 60_000));
}

/** Throws RATE_LIMITED (retry at the next minute) when `count` writes this minute are more than `perMinute`. */
export function checkWriteBudget(destination: string, perMinute: number, now: Date, count: number): void {
  if (count <= perMinute) return;
  const minute = Math.floor(now.getTime() / 60_000);
  throw new ConnectorError(
    'RATE_LIMITED',
    `${destination}: more than ${perMinute} writes this minute (push.destinations.${destination}.ratePerMinute)`,
    { retryAfterMs: (minute + 1) * 60_000 - now.getTime() },
  );
}
