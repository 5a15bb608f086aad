import type { Redis } from 'ioredis';
import { ConnectorError } from '../domain/failures.js';
import type { LedgerKeys } from './keys.js';

/**
 * Writes per destination per minute, counted in Redis so every replica shares the budget.
 * Over budget, the write waits for the next minute through the ordinary RATE_LIMITED path.
 */
export async function takeWriteSlot(
  redis: Redis,
  keys: LedgerKeys,
  destination: string,
  perMinute: number,
  now: Date,
): Promise<void> {
  const minute = Math.floor(now.getTime() / 60_000);
  const key = keys.rate(destination, minute);
  const [[, count]] = (await redis.multi().incr(key).expire(key, 120).exec()) as [[null, number], [null, number]];
  if (count > perMinute) {
    throw new ConnectorError(
      'RATE_LIMITED',
      `${destination}: more than ${perMinute} writes this minute (push.destinations.${destination}.ratePerMinute)`,
      { retryAfterMs: (minute + 1) * 60_000 - now.getTime() },
    );
  }
}
