import type { Redis } from '../redis/client.js';
import { complaintBatches, storedComplaints, type StoredComplaint } from './complaint-batches.js';
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

  /**
   * Complaint documents reported in [fromMs, toMs), in batches, in reported order. Paging
   * goes by score and position among equal scores, so a write during the walk neither
   * repeats nor skips what was already read.
   */
  async *batches(fromMs: number, toMs: number, batchSize: number): AsyncGenerator<StoredComplaint[]> {
    const index = this.keys.reportedIndex();
    let min = Math.floor(fromMs);
    let skip = 0;
    const max = `(${Math.floor(toMs)}`;
    for (;;) {
      const flat = await this.redis.zrangebyscore(index, min, max, 'WITHSCORES', 'LIMIT', skip, batchSize);
      if (flat.length === 0) return;
      const ids: string[] = [];
      let last = min;
      let sameAsLast = 0;
      for (let i = 0; i + 1 < flat.length; i += 2) {
        ids.push(flat[i]!);
        const score = Number(flat[i + 1]);
        sameAsLast = score === last ? sameAsLast + 1 : 1;
        last = score;
      }
      if (last === min) skip += ids.length;
      else [min, skip] = [last, sameAsLast];
      yield await storedComplaints(this.redis, this.keys, ids);
      if (ids.length < batchSize) return;
    }
  }

  /**
   * Every complaint document, the latest reported first, in batches, paged by score and
   * position among equal scores as `batches` is (a complaint written during the walk, if
   * reported before what was read, is read in its turn; one reported later is not).
   */
  async *newestFirst(batchSize: number): AsyncGenerator<StoredComplaint[]> {
    const index = this.keys.reportedIndex();
    let max = '+inf';
    let skip = 0;
    for (;;) {
      const flat = await this.redis.zrevrangebyscore(index, max, '-inf', 'WITHSCORES', 'LIMIT', skip, batchSize);
      if (flat.length === 0) return;
      const ids: string[] = [];
      let last = max;
      let sameAsLast = 0;
      for (let i = 0; i + 1 < flat.length; i += 2) {
        ids.push(flat[i]!);
        sameAsLast = flat[i + 1] === last ? sameAsLast + 1 : 1;
        last = flat[i + 1]!;
      }
      if (last === max) skip += ids.length;
      else [max, skip] = [last, sameAsLast];
      yield await storedComplaints(this.redis, this.keys, ids);
      if (ids.length < batchSize) return;
    }
  }
}

function reportedAtOf(doc: unknown): number {
  const value = typeof doc === 'object' && doc !== null ? (doc as { reportedAt?: unknown }).reportedAt : undefined;
  return typeof value === 'string' ? Date.parse(value) : NaN;
}
