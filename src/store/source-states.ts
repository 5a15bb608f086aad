import type { Redis } from 'ioredis';
import type { Clock } from '../domain/clock.js';
import type { LedgerKeys } from './keys.js';
import { sourceStateSchema, type SourceState } from './records.js';

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

  async polling(source: string): Promise<void> {
    await this.redis.hset(this.keys.sourceState(source), {
      state: 'polling',
      lastRunAt: this.clock.now().toISOString(),
    });
  }

  async succeeded(source: string, items: number): Promise<void> {
    const key = this.keys.sourceState(source);
    await this.redis
      .multi()
      .hset(key, {
        state: 'idle',
        lastSuccessAt: this.clock.now().toISOString(),
        itemsLastRun: items,
        consecutiveFailures: 0,
      })
      .hdel(key, 'failingSince', 'lastError', 'lastErrorCode')
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
