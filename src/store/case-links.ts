import type { Redis } from '../redis/client.js';
import { z } from 'zod';
import { isoTimestamp } from '../domain/draft.js';
import type { LedgerKeys } from './keys.js';

/** Two complaints dedup found alike enough to ask an operator whether they are one case. */
export const proposalSchema = z.object({
  id: z.string(),
  a: z.string(),
  b: z.string(),
  kind: z.enum(['duplicate', 'related']),
  score: z.number(),
  signals: z.array(z.string()),
  at: isoTimestamp,
  state: z.enum(['open', 'confirmed', 'rejected']),
  decidedBy: z.string().optional(),
  decidedAt: isoTimestamp.optional(),
});
export type Proposal = z.infer<typeof proposalSchema>;

/** The same id for a pair in either order, so two replicas proposing it make one proposal. */
export function pairId(a: string, b: string): string {
  return a < b ? `${a}~${b}` : `${b}~${a}`;
}

/** Proposals, pairs an operator kept apart, and related complaints. */
export class CaseLinks {
  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
  ) {}

  async get(id: string): Promise<Proposal | undefined> {
    const text = await this.redis.hget(this.keys.dedupProposals(), id);
    return text === null ? undefined : proposalSchema.parse(JSON.parse(text));
  }

  /** Adds an open proposal unless the pair was ever proposed; returns whether it was added. */
  async propose(p: Proposal): Promise<boolean> {
    const added = (await this.redis.hsetnx(this.keys.dedupProposals(), p.id, JSON.stringify(p))) === 1;
    if (added) await this.redis.zadd(this.keys.dedupOpen(), Date.parse(p.at), p.id);
    return added;
  }

  async decide(p: Proposal): Promise<void> {
    await this.redis
      .multi()
      .hset(this.keys.dedupProposals(), p.id, JSON.stringify(p))
      .zrem(this.keys.dedupOpen(), p.id)
      .exec();
  }

  async open(offset = 0, limit = 100): Promise<Proposal[]> {
    const ids = await this.redis.zrange(this.keys.dedupOpen(), offset, offset + limit - 1);
    if (ids.length === 0) return [];
    const texts = await this.redis.hmget(this.keys.dedupProposals(), ...ids);
    return texts.filter((t): t is string => t !== null).map((t) => proposalSchema.parse(JSON.parse(t)));
  }

  async openCount(): Promise<number> {
    return this.redis.zcard(this.keys.dedupOpen());
  }

  async keepApart(a: string, b: string, apart: boolean): Promise<void> {
    if (apart) await this.redis.sadd(this.keys.dedupApart(), pairId(a, b));
    else await this.redis.srem(this.keys.dedupApart(), pairId(a, b));
  }

  async apart(a: string, pairs: readonly string[]): Promise<Set<string>> {
    if (pairs.length === 0) return new Set();
    const flags = await this.redis.smismember(this.keys.dedupApart(), ...pairs.map((b) => pairId(a, b)));
    return new Set(pairs.filter((_, i) => flags[i] === 1));
  }

  async relate(a: string, b: string, related: boolean): Promise<void> {
    const pipeline = this.redis.pipeline();
    if (related) pipeline.sadd(this.keys.dedupRelated(a), b).sadd(this.keys.dedupRelated(b), a);
    else pipeline.srem(this.keys.dedupRelated(a), b).srem(this.keys.dedupRelated(b), a);
    await pipeline.exec();
  }

  async relatedTo(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.smembers(this.keys.dedupRelated(id));
    const found = new Set<string>();
    for (const [, members] of (await pipeline.exec()) ?? [])
      for (const m of (members as string[] | null) ?? []) found.add(m);
    for (const id of ids) found.delete(id);
    return [...found].sort();
  }
}
