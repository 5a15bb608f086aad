import type { Redis } from '../redis/client.js';
import type { LedgerKeys } from './keys.js';

/** Lanes keep a backfill's (a file import's, a reconciliation's) position apart from the live schedule's. */
export const LANES = ['live', 'backfill', 'import', 'reconcile'] as const;
export type Lane = (typeof LANES)[number];

export class Cursors {
  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
  ) {}

  async get(source: string, lane: Lane): Promise<string | null> {
    return this.redis.get(this.keys.cursor(source, lane));
  }

  async set(source: string, lane: Lane, cursor: string): Promise<void> {
    await this.redis.set(this.keys.cursor(source, lane), cursor);
  }

  async reset(source: string, lane: Lane): Promise<void> {
    await this.redis.del(this.keys.cursor(source, lane));
  }
}
