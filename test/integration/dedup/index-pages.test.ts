import { afterEach, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../../bench/dedup/corpus.js';
import { bucketsOf } from '../../../src/dedup/buckets.js';
import type { DedupDoc } from '../../../src/dedup/doc.js';
import { MemoryIndex } from '../../../src/dedup/offline.js';
import { ledgerKeys } from '../../../src/store/keys.js';
import { DedupIndex, type IndexEntry } from '../../../src/store/dedup-index.js';
import { testRedis, type TestRedis } from '../../support/redis.js';

let redis: TestRedis | undefined;
afterEach(async () => {
  await redis?.cleanup();
  redis = undefined;
});

const entryOf = (d: DedupDoc): IndexEntry => ({ id: d.id, doc: JSON.stringify(d), buckets: bucketsOf(d) });
const idsOf = (found: readonly string[]) => found.map((d) => (JSON.parse(d) as DedupDoc).id);
const parsed = (found: readonly string[]) => found.map((d) => JSON.parse(d) as DedupDoc);

/** A ledger of its own and three complaints of one reporter, which meet each other in the reporter's bucket. */
async function oneReporter() {
  redis = await testRedis('dedup-page');
  const keys = ledgerKeys(redis.prefix);
  const docs = generateCorpus({ seed: 5, problems: 60 }).map((r) => r.doc);
  const reporter = docs.find((d) => d.r && docs.filter((o) => o.r === d.r).length >= 3)!.r;
  const [a, b, c] = docs.filter((d) => d.r === reporter) as [DedupDoc, DedupDoc, DedupDoc];
  expect(c).toBeDefined();
  const db = redis.redis;
  return {
    keys,
    a,
    b,
    c,
    index: () => new DedupIndex(db, keys, { maxCandidates: 32 }),
    /** Filed, not decided on: met nothing, the index placed it; undone, as a crash before the decision leaves it. */
    unplace: async (id: string) =>
      db.hset(keys.dedupIds(), id, (await db.hget(keys.dedupIds(), id))!.replace(/p$/, '')),
  };
}

describe('dedup index, a page per call (real Redis)', () => {
  it('meets the same candidates, in the same order, as the index rule one complaint at a time', async () => {
    redis = await testRedis('dedup-page');
    const keys = ledgerKeys(redis.prefix);
    const index = new DedupIndex(redis.redis, keys, { maxCandidates: 32 });
    const memory = new MemoryIndex({ maxCandidates: 32 });
    const docs = generateCorpus({ seed: 5, problems: 250 }).map((r) => r.doc);
    expect(docs.length).toBeGreaterThan(400);
    let met = 0;
    // Pages of uneven sizes, the last re-adding (refreshing) a few already filed but not yet placed.
    for (let i = 0, size = 1; i < docs.length; i += size, size = (size * 7) % 97) {
      const page = docs.slice(i, i + size);
      const expected = page.map((d) => memory.addAndQuery(d, bucketsOf(d)).map((c) => c.id));
      const found = (await index.addAndQueryMany(page.map(entryOf))).map(idsOf);
      expect(found).toEqual(expected);
      met += expected.filter((e) => e.length > 0).length;
      // Decided on: placed, as the stage marks them.
      await index.markPlaced(page.map((d) => d.id));
    }
    expect(met).toBeGreaterThan(100);
    expect(await index.size()).toBe(docs.length);
    // Placed: met again, it costs nothing and meets nothing.
    expect(await index.addAndQueryMany(docs.slice(0, 3).map(entryOf))).toEqual([[], [], []]);
  });

  it('hands a candidate filed earlier in the page with the document it was just given', async () => {
    const { index: open, a, b, c, unplace } = await oneReporter();
    const index = open();
    const before = { ...a, t: `${a.t} lama` };
    await index.addAndQueryMany([entryOf(before)]);
    await unplace(a.id);
    const [first, , third] = await index.addAndQueryMany([entryOf(b), entryOf(a), entryOf(c)]);
    // Before `a` in the page: the document `a` had; after it: the one the page gave it.
    expect(parsed(first!)).toContainEqual(before);
    expect(parsed(third!)).toContainEqual(a);
    expect(parsed(third!)).toContainEqual(b);
  });

  it('meets a document another process replaced as it is now, not as this process held it', async () => {
    const { keys, index, a, b, c, unplace } = await oneReporter();
    const [here, there] = [index(), index()];
    await there.addAndQueryMany([entryOf(a)]);
    await unplace(a.id);
    const [metBefore] = await here.addAndQueryMany([entryOf(b)]);
    expect(parsed(metBefore!)).toContainEqual(a);
    const replaced = { ...a, t: `${a.t} sudah diperbarui` };
    await there.addAndQueryMany([entryOf(replaced)]);
    const [metAfter] = await here.addAndQueryMany([entryOf(c)]);
    expect(parsed(metAfter!)).toContainEqual(replaced);
    expect(parsed(metAfter!)).not.toContainEqual(a);
    // The same document filed again is not a new revision; its meeting still sees it.
    await there.addAndQueryMany([entryOf(replaced)]);
    expect(await redis!.redis.hget(keys.dedupRevisions(), (await redis!.redis.hget(keys.dedupIds(), a.id))!)).toBe('1');
    expect(parsed(await here.addAndQuery(entryOf({ ...c, id: 'another' })))).toContainEqual(replaced);
  });

  it('holds nothing across an index emptied and begun again (its numbers then name other texts)', async () => {
    const { keys, index, a, b, c } = await oneReporter();
    const here = index();
    expect(parsed((await here.addAndQueryMany([entryOf(a), entryOf(b)]))[1]!)).toContainEqual(a);
    // Emptied as a sandbox restart empties the ledger; another process files other complaints, numbered from 1 again.
    await redis!.redis.del(keys.dedupSeq(), keys.dedupIds(), keys.dedupDocs(), keys.dedupBuckets(), keys.dedupEpoch());
    const other = { ...a, id: 'other-complaint', t: `${a.t} di tempat lain` };
    await index().addAndQueryMany([entryOf(other)]);
    const met = parsed((await here.addAndQueryMany([entryOf(c)]))[0]!);
    expect(met).toContainEqual(other);
    expect(met.map((d) => d.id)).not.toContain(a.id);
  });

  it('moves buckets kept as keys of their own into the hash, before the entries written since', async () => {
    redis = await testRedis('dedup-page');
    const keys = ledgerKeys(redis.prefix);
    const [a, b] = generateCorpus({ seed: 5, problems: 40 }).map((r) => r.doc);
    const bucket = bucketsOf(a!)[0]!;
    await redis.redis.set(keys.dedupBucket(bucket.key), '1');
    await redis.redis.hset(keys.dedupIds(), 'old-complaint', '1p');
    await redis.redis.hset(keys.dedupDocs(), '1', JSON.stringify({ ...b!, id: 'old-complaint' }));
    await redis.redis.set(keys.dedupSeq(), '1');
    const index = new DedupIndex(redis.redis, keys, { maxCandidates: 32 });
    expect(idsOf(await index.addAndQuery(entryOf(a!)))).toEqual(['old-complaint']);
    expect(await redis.redis.exists(keys.dedupBucket(bucket.key))).toBe(0);
    expect(await redis.redis.hget(keys.dedupBuckets(), bucket.key)).toBe('1,2');
  });
});
