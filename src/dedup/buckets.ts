import type { DedupDoc } from './doc.js';
import { bandKeys, minhash, shingles } from './minhash.js';

/**
 * Where a complaint is filed in the index. LSH over the opening of the text (its first 200
 * normalized characters, which survive an SMS cut to 160): 10 bands of 3 rows, so texts
 * whose openings share half their shingles meet with probability ≈ 0.74, a fifth ≈ 0.08.
 * Plus the reporter's bucket (the same citizen retelling a complaint in new words) and the
 * bucket of desa + category (other citizens telling of the same problem: related).
 */
export const OPENING_CHARS = 200;
export const BANDS = 10;
export const ROWS = 3;

/** Newest entries a bucket keeps: a text bucket of a very common wording, a reporter, a desa's subject. */
const CAPS = { band: 8, reporter: 16, place: 16 } as const;

export interface Bucket {
  key: string;
  cap: number;
}

export function bucketsOf(doc: DedupDoc): Bucket[] {
  const opening = doc.t.slice(0, OPENING_CHARS);
  const buckets: Bucket[] =
    opening.length > 0
      ? bandKeys(minhash(shingles(opening), BANDS * ROWS), BANDS, ROWS).map((key) => ({ key, cap: CAPS.band }))
      : [];
  if (doc.r) buckets.push({ key: `r.${doc.r}`, cap: CAPS.reporter });
  if (doc.desa && doc.cat) buckets.push({ key: `p.${doc.desa}|${doc.cat}`, cap: CAPS.place });
  return buckets;
}
