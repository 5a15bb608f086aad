import type { Redis } from '../redis/client.js';
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

  /** `knows` for many records in one round trip. */
  async knowEach(
    asked: readonly { system: string; externalId: string; members: readonly string[] }[],
  ): Promise<boolean[]> {
    const pipeline = this.redis.pipeline();
    for (const a of asked)
      if (a.members.length > 0) pipeline.smismember(this.keys.echoes(a.system, a.externalId), ...a.members);
    const results = pipeline.length > 0 ? ((await pipeline.exec()) ?? []) : [];
    let next = 0;
    return asked.map((a) => {
      if (a.members.length === 0) return false;
      const found = results[next++]?.[1];
      return Array.isArray(found) && found.some((f) => f === 1);
    });
  }
}
