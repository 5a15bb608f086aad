import type { Redis } from '../redis/client.js';
import type { Clock } from '../domain/clock.js';
import type { LedgerKeys } from './keys.js';
import { sourceStateSchema, type SourceState } from './records.js';

/** What a poll's start writes into the source's state. */
export function pollingFields(now: Date): string[] {
  return ['state', 'polling', 'lastRunAt', now.toISOString()];
}

/** What a successful poll writes, and what it clears. */
export function succeededFields(now: Date, items: number): string[] {
  return [
    'state',
    'idle',
    'lastSuccessAt',
    now.toISOString(),
    'itemsLastRun',
    String(items),
    'consecutiveFailures',
    '0',
  ];
}
export const CLEARED_ON_SUCCESS = ['failingSince', 'lastError', 'lastErrorCode'] as const;

/** Per-source sync health: idle / polling / failing with a count and the last error. */
export class SourceStates {
  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
    private readonly clock: Clock,
    private readonly failingAfter: number,
  ) {}

  async get(source: string): Promise<SourceState> {
    return sourceStateSchema.parse(await this.redis.hgetall(this.keys.sourceState(source)));
  }

  async succeeded(source: string, items: number): Promise<void> {
    const key = this.keys.sourceState(source);
    await this.redis
      .multi()
      .hset(key, ...succeededFields(this.clock.now(), items))
      .hdel(key, ...CLEARED_ON_SUCCESS)
      .exec();
  }

  /** Counts a failure; N in a row mark the source failing (other sources go on). */
  async failed(source: string, error: string, code = 'INTERNAL'): Promise<SourceState> {
    const key = this.keys.sourceState(source);
    const failures = await this.redis.hincrby(key, 'consecutiveFailures', 1);
    const now = this.clock.now().toISOString();
    if (failures >= this.failingAfter) {
      await this.redis.hsetnx(key, 'failingSince', now);
      await this.redis.hset(key, { state: 'failing', lastError: error, lastErrorCode: code });
    } else {
      await this.redis.hset(key, { state: 'idle', lastError: error, lastErrorCode: code });
    }
    return this.get(source);
  }
}
