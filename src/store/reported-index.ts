import type { Redis } from '../redis/client.js';
import { complaintBatches, walkByScore, type StoredComplaint } from './complaint-batches.js';
import type { LedgerKeys } from './keys.js';

export const REPORTED_INDEX_BUILT = 'reported-index';
const BUILD_BATCH = 1000;

/**
 * Complaints by the time they were reported. The ledger script keeps it with every write;
 * a ledger written before the index existed is indexed once, on first use (a marker says it
 * is done; a write during the build indexes itself, and a doubled build writes the same).
 */
export class ReportedIndex {
  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
  ) {}

  async ensureBuilt(): Promise<void> {
    if ((await this.redis.get(this.keys.meta(REPORTED_INDEX_BUILT))) === 'v1') return;
    for await (const batch of complaintBatches(this.redis, this.keys, { receivedFromMs: 0, batchSize: BUILD_BATCH })) {
      const args: (string | number)[] = [];
      for (const { id, doc } of batch) {
        const reportedAt = reportedAtOf(doc);
        if (Number.isFinite(reportedAt)) args.push(reportedAt, id);
      }
      if (args.length > 0) await this.redis.zadd(this.keys.reportedIndex(), ...args);
    }
    await this.redis.set(this.keys.meta(REPORTED_INDEX_BUILT), 'v1');
  }

  /** Complaint documents reported in [fromMs, toMs), in batches, in reported order (`walkByScore`). */
  batches(fromMs: number, toMs: number, batchSize: number): AsyncGenerator<StoredComplaint[]> {
    const [index, to] = [this.keys.reportedIndex(), `(${Math.floor(toMs)}`];
    const read = (min: string, skip: number) =>
      this.redis.zrangebyscore(index, min, to, 'WITHSCORES', 'LIMIT', skip, batchSize);
    return walkByScore(this.redis, this.keys, read, Math.floor(fromMs), batchSize);
  }

  /** Every complaint document, the latest reported first, in batches (`walkByScore`). */
  newestFirst(batchSize: number): AsyncGenerator<StoredComplaint[]> {
    const index = this.keys.reportedIndex();
    const read = (max: string, skip: number) =>
      this.redis.zrevrangebyscore(index, max, '-inf', 'WITHSCORES', 'LIMIT', skip, batchSize);
    return walkByScore(this.redis, this.keys, read, Infinity, batchSize);
  }
}

function reportedAtOf(doc: unknown): number {
  const value = typeof doc === 'object' && doc !== null ? (doc as { reportedAt?: unknown }).reportedAt : undefined;
  return typeof value === 'string' ? Date.parse(value) : NaN;
}
