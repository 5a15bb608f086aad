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

/** A score bound as ZRANGEBYSCORE takes it. */
const bound = (score: number): string => (score === Infinity ? '+inf' : score === -Infinity ? '-inf' : String(score));

/**
 * The documents of a sorted set of complaint ids, walked by score one batch at a time (a reader
 * holds a batch, never the ledger): `read(from, skip)` returns the next `batchSize` members with
 * their scores (flat) from score `from` on in the walk's direction, past the first `skip` of
 * those at `from`. Paging goes by (score, position among equal scores) rather than by offset,
 * so members added while a walk runs neither shift nor repeat what it read.
 */
export async function* walkByScore(
  redis: Redis,
  keys: LedgerKeys,
  read: (from: string, skip: number) => Promise<string[]>,
  from: number,
  batchSize: number,
): AsyncGenerator<StoredComplaint[]> {
  let skip = 0;
  for (;;) {
    const flat = await read(bound(from), skip);
    if (flat.length === 0) return;
    const ids: string[] = [];
    let last = from;
    let sameAsLast = 0;
    for (let i = 0; i + 1 < flat.length; i += 2) {
      ids.push(flat[i]!);
      const score = Number(flat[i + 1]);
      sameAsLast = score === last ? sameAsLast + 1 : 1;
      last = score;
    }
    if (last === from) skip += ids.length;
    else [from, skip] = [last, sameAsLast];
    yield await storedComplaints(redis, keys, ids);
    if (ids.length < batchSize) return;
  }
}

/** Complaint documents in the order the bridge first saw them (the index score is receivedAt in ms), from `receivedFromMs` on. */
export function complaintBatches(
  redis: Redis,
  keys: LedgerKeys,
  options: { receivedFromMs: number; batchSize: number },
): AsyncGenerator<StoredComplaint[]> {
  const n = options.batchSize;
  return walkByScore(
    redis,
    keys,
    (min, skip) => redis.zrangebyscore(keys.complaintIndex(), min, '+inf', 'WITHSCORES', 'LIMIT', skip, n),
    Math.floor(options.receivedFromMs),
    n,
  );
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
