import type { Redis } from '../redis/client.js';
import { decodeComplaint } from './complaint-doc.js';
import type { LedgerKeys } from './keys.js';

export interface StoredComplaint {
  id: string;
  /** The document, decoded (src/store/complaint-doc.ts), or null when the index names a complaint whose key is gone. */
  doc: unknown;
}

/** The documents of these ids, decoded, beside their ids: one MGET. */
export async function storedComplaints(
  redis: Redis,
  keys: LedgerKeys,
  ids: readonly string[],
): Promise<StoredComplaint[]> {
  const docs = await redis.mgetBuffer(ids.map((id) => keys.complaint(id)));
  return ids.map((id, i) => ({ id, doc: decodeComplaint(docs[i]) }));
}

/**
 * Complaint documents in the order the bridge first saw them (the index score is
 * receivedAt in ms), from `receivedFromMs` on, one batch at a time: a reader holds a batch,
 * never the ledger. Paging goes by (score, position among equal scores) rather than by
 * offset, so complaints added while a walk runs (at the end: their receivedAt is "now")
 * neither shift nor repeat what it reads.
 */
export async function* complaintBatches(
  redis: Redis,
  keys: LedgerKeys,
  options: { receivedFromMs: number; batchSize: number },
): AsyncGenerator<StoredComplaint[]> {
  const index = keys.complaintIndex();
  let min = Math.floor(options.receivedFromMs);
  let skip = 0;
  for (;;) {
    const flat = await redis.zrangebyscore(index, min, '+inf', 'WITHSCORES', 'LIMIT', skip, options.batchSize);
    if (flat.length === 0) return;
    const ids: string[] = [];
    const scores: number[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      ids.push(flat[i]!);
      scores.push(Number(flat[i + 1]));
    }
    const last = scores.at(-1)!;
    if (last === min) {
      skip += ids.length;
    } else {
      min = last;
      skip = scores.filter((s) => s === last).length;
    }
    yield await storedComplaints(redis, keys, ids);
    if (ids.length < options.batchSize) return;
  }
}

/** The newest complaints (by when the bridge first saw them), at most `limit`, in batches of 500. */
export async function* newestComplaints(
  redis: Redis,
  keys: LedgerKeys,
  limit: number,
): AsyncGenerator<StoredComplaint[]> {
  for (let offset = 0; offset < limit; offset += 500) {
    const ids = await redis.zrevrange(keys.complaintIndex(), offset, Math.min(limit, offset + 500) - 1);
    if (ids.length === 0) return;
    yield await storedComplaints(redis, keys, ids);
    if (ids.length < 500) return;
  }
}
