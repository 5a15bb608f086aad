import type { Redis } from '../redis/client.js';
import type { z } from 'zod';

/** A Redis hash of JSON documents validated on the way out: the shape of quarantine, triage and DLQ. */
export class JsonHash<T> {
  constructor(
    protected readonly redis: Redis,
    protected readonly key: string,
    private readonly schema: z.ZodType<T>,
  ) {}

  async get(id: string): Promise<T | undefined> {
    const text = await this.redis.hget(this.key, id);
    return text === null ? undefined : this.schema.parse(JSON.parse(text));
  }

  async set(id: string, value: T): Promise<void> {
    await this.redis.hset(this.key, id, JSON.stringify(value));
  }

  /** Several at once, one call. */
  async setMany(entries: readonly (readonly [string, T])[]): Promise<void> {
    if (entries.length === 0) return;
    await this.redis.hset(this.key, ...entries.flatMap(([id, value]) => [id, JSON.stringify(value)]));
  }

  async delete(id: string): Promise<boolean> {
    return (await this.redis.hdel(this.key, id)) === 1;
  }

  /** Several at once, one call. */
  async deleteMany(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.redis.hdel(this.key, ...ids);
  }

  /** What is held of several at once (undefined where none), one call. */
  async getMany(ids: readonly string[]): Promise<(T | undefined)[]> {
    if (ids.length === 0) return [];
    return (await this.redis.hmget(this.key, ...ids)).map((text) =>
      text === null ? undefined : this.schema.parse(JSON.parse(text)),
    );
  }

  async size(): Promise<number> {
    return this.redis.hlen(this.key);
  }

  /** Iterates without loading the whole hash at once. */
  async *entries(): AsyncGenerator<[string, T]> {
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscan(this.key, cursor, 'COUNT', 200);
      cursor = next;
      for (let i = 0; i + 1 < flat.length; i += 2) yield [flat[i]!, this.schema.parse(JSON.parse(flat[i + 1]!))];
    } while (cursor !== '0');
  }

  async list(limit = 100): Promise<[string, T][]> {
    const out: [string, T][] = [];
    for await (const entry of this.entries()) {
      out.push(entry);
      if (out.length >= limit) break;
    }
    return out;
  }
}
