import { ConnectorError } from '../domain/failures.js';
import type { LedgerKeys } from './keys.js';

/**
 * Writes per destination per minute, counted in Redis so every replica shares the budget.
 * Over budget, the write waits through the ordinary RATE_LIMITED path, for its own turn:
 * the minute's counter goes on counting the writes turned away, so the count a write got
 * is its place in the line. The 61st write of a minute whose budget is 60 comes back at the
 * start of the next one, the 62nd a second later, the 121st at the start of the minute after:
 * a backlog drains at the budget's pace, each waiting write woken about once, instead of all
 * of them at every minute's start (where all but the budget's worth would be turned away
 * again, each after reading what it would write).
 */

/** Lua: `count_write(key)` counts one write in a minute's counter and returns the count so far. */
export const COUNT_WRITE = `
local function count_write(key)
  local count = redis.call('incr', key)
  redis.call('expire', key, 120)
  return count
end
`;

/**
 * Lua: `place_in_line(key, per_minute)`: 0 while the minute's budget is not spent (the write
 * counts itself when it begins); once spent, a place in the line (counted like a write).
 */
export const PLACE_IN_LINE = `${COUNT_WRITE}
local function place_in_line(key, per_minute)
  local count = tonumber(redis.call('get', key) or '0')
  if count < per_minute then return 0 end
  return count_write(key)
end
`;

const MINUTE_MS = 60_000;

/** The minute `now` falls in: a budget's unit. */
export function minuteOf(now: Date): number {
  return Math.floor(now.getTime() / MINUTE_MS);
}

/** The counter of the minute `now` falls in. */
export function writeSlotKey(keys: LedgerKeys, destination: string, now: Date): string {
  return keys.rate(destination, minuteOf(now));
}

/**
 * How long the write counted `count`th this minute waits for its turn (0 within the budget):
 * to the minute its place falls in, spread over that minute at the budget's pace.
 */
export function budgetWaitMs(perMinute: number, now: Date, count: number): number {
  if (count <= perMinute) return 0;
  const place = count - perMinute - 1;
  const minute = minuteOf(now) + 1 + Math.floor(place / perMinute);
  const within = Math.floor(((place % perMinute) * MINUTE_MS) / perMinute);
  return minute * MINUTE_MS + within - now.getTime();
}

/** Throws RATE_LIMITED (retry at the write's turn, `budgetWaitMs`) when `count` writes this minute are more than `perMinute`. */
export function checkWriteBudget(destination: string, perMinute: number, now: Date, count: number): void {
  if (count <= perMinute) return;
  throw new ConnectorError(
    'RATE_LIMITED',
    `${destination}: more than ${perMinute} writes this minute (push.destinations.${destination}.ratePerMinute)`,
    { retryAfterMs: budgetWaitMs(perMinute, now, count) },
  );
}
