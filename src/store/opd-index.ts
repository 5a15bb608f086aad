import type { Redis } from '../redis/client.js';
import { complaintBatches, storedComplaints, type StoredComplaint } from './complaint-batches.js';
import type { LedgerKeys } from './keys.js';

export const OPD_INDEX_BUILT = 'opd-index';
const BUILD_BATCH = 1000;
const READ_BATCH = 500;

/**
 * Each OPD's complaints (a sorted set per directory code, scored by receivedAt), kept by the
 * ledger scripts with every write: a complaint moves between sets when its OPD changes. An
 * OPD's inbox and search read its own complaints, all of them, whatever the size of the
 * ledger. A ledger written before the index existed is indexed once, on first use (a
 * marker says it is done; a write during the build indexes itself). A reader checks each
 * document's OPD anyway: an entry left behind by a build racing a reassignment costs one read.
 */
export class OpdIndex {
  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
  ) {}

  async ensureBuilt(): Promise<void> {
    if ((await this.redis.get(this.keys.meta(OPD_INDEX_BUILT))) === 'v1') return;
    for await (const batch of complaintBatches(this.redis, this.keys, { receivedFromMs: 0, batchSize: BUILD_BATCH })) {
      const pipeline = this.redis.pipeline();
      for (const { id, doc } of batch) {
        const entry = opdEntryOf(doc);
        if (entry) pipeline.zadd(this.keys.opdIndex(entry.code), entry.receivedMs, id);
      }
      await pipeline.exec();
    }
    await this.redis.set(this.keys.meta(OPD_INDEX_BUILT), 'v1');
  }

  async count(codes: readonly string[]): Promise<number> {
    if (codes.length === 0) return 0;
    const counts = await Promise.all(codes.map((code) => this.redis.zcard(this.keys.opdIndex(code))));
    return counts.reduce((a, b) => a + b, 0);
  }

  /** The complaints of these OPDs, newest first, in batches: every one of them, never a window of the ledger. */
  async *newest(codes: readonly string[]): AsyncGenerator<StoredComplaint[]> {
    if (codes.length === 0) return;
    // One set per code; an OPD with its child units reads a handful of sets, merged by time.
    const listed = await Promise.all(
      codes.map((code) => this.redis.zrevrange(this.keys.opdIndex(code), 0, -1, 'WITHSCORES')),
    );
    const entries: { id: string; at: number }[] = [];
    for (const flat of listed)
      for (let i = 0; i + 1 < flat.length; i += 2) entries.push({ id: flat[i]!, at: Number(flat[i + 1]) });
    if (listed.length > 1) entries.sort((a, b) => b.at - a.at || a.id.localeCompare(b.id));
    for (let i = 0; i < entries.length; i += READ_BATCH) {
      const ids = entries.slice(i, i + READ_BATCH).map((e) => e.id);
      yield await storedComplaints(this.redis, this.keys, ids);
    }
  }
}

function opdEntryOf(stored: unknown): { code: string; receivedMs: number } | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const doc = stored as { opd?: { code?: unknown }; receivedAt?: unknown };
  const code = doc.opd?.code;
  const receivedMs = typeof doc.receivedAt === 'string' ? Date.parse(doc.receivedAt) : NaN;
  return typeof code === 'string' && code && Number.isFinite(receivedMs) ? { code, receivedMs } : undefined;
}
