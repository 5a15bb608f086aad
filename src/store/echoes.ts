import type { Redis } from 'ioredis';
import type { LedgerKeys } from './keys.js';

/**
 * What the bridge wrote into one remote record (answer ids, text keys), so the next pull of
 * that record does not take it for news. The members are the caller's own keys.
 */
export class Echoes {
  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
  ) {}

  async remember(system: string, externalId: string, members: readonly string[]): Promise<void> {
    if (members.length > 0) await this.redis.sadd(this.keys.echoes(system, externalId), ...members);
  }

  /** True when any of the members was remembered for that record (one round trip). */
  async knows(system: string, externalId: string, members: readonly string[]): Promise<boolean> {
    if (members.length === 0) return false;
    const found = await this.redis.smismember(this.keys.echoes(system, externalId), ...members);
    return found.some((f) => f === 1);
  }
}
