import { afterEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../src/store/store.js';
import type { StoredComplaint } from '../../src/store/complaint-batches.js';
import { putComplaint, testComplaint } from '../support/complaints.js';
import { testRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis | undefined;
afterEach(async () => {
  await redis?.cleanup();
  redis = undefined;
});

const clock = { now: () => new Date('2026-04-01T00:00:00Z'), sleep: async () => {} };
const TIMES = ['2026-03-01T01:00:00.000Z', '2026-03-02T01:00:00.000Z', '2026-03-03T01:00:00.000Z'];

/** 25 complaints on three report times (10, 10, 5): batches of 4 end in the middle of equal scores. */
async function ledger(): Promise<Store> {
  redis = await testRedis('walk');
  const store = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
  for (let i = 0; i < 25; i++)
    await putComplaint(store, testComplaint('lapor', `w${i}`, TIMES[Math.min(2, Math.floor(i / 10))]!));
  await store.reported.ensureBuilt();
  return store;
}

const timeOf = (c: StoredComplaint) => (c.doc as { reportedAt: string }).reportedAt;

describe('walks over a complaint index by score (real Redis)', () => {
  it('read each complaint once, in order, in both directions, across equal scores', async () => {
    const store = await ledger();
    const read = async (walk: AsyncGenerator<StoredComplaint[]>) => {
      const out: StoredComplaint[] = [];
      for await (const batch of walk) {
        expect(batch.length).toBeLessThanOrEqual(4);
        out.push(...batch);
      }
      return out;
    };
    for (const walk of [
      store.reported.batches(0, Infinity, 4),
      store.ledger.batches({ receivedFromMs: 0, batchSize: 4 }),
    ]) {
      const up = await read(walk);
      expect(new Set(up.map((c) => c.id)).size).toBe(25);
      expect(up.map(timeOf)).toEqual([...up.map(timeOf)].sort());
    }
    const down = await read(store.reported.newestFirst(4));
    expect(new Set(down.map((c) => c.id)).size).toBe(25);
    expect(down.map(timeOf)).toEqual([...down.map(timeOf)].sort().reverse());
  });

  it('newest first: a complaint written meanwhile is read in its turn when older than what was read, never twice', async () => {
    const store = await ledger();
    const seen: string[] = [];
    let batches = 0;
    for await (const batch of store.reported.newestFirst(4)) {
      seen.push(...batch.map((c) => c.id));
      if (++batches === 2) {
        await putComplaint(store, testComplaint('wa', 'older', TIMES[0]!));
        await putComplaint(store, testComplaint('wa', 'newer', '2026-03-31T01:00:00.000Z'));
      }
    }
    expect(seen).toHaveLength(26);
    expect(new Set(seen).size).toBe(26);
    expect(seen).toContain(testComplaint('wa', 'older', TIMES[0]!).id);
    expect(seen).not.toContain(testComplaint('wa', 'newer', TIMES[0]!).id);
  });
});
