import { afterEach, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../src/store/rekap-records.js';
import { createStore, type Store } from '../../src/store/store.js';
import { putComplaint, testComplaint } from '../support/complaints.js';
import { testRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis | undefined;
afterEach(async () => {
  await redis?.cleanup();
  redis = undefined;
});

const clock = { now: () => new Date('2026-03-10T00:00:00Z'), sleep: async () => {} };

async function setup(): Promise<Store> {
  redis = await testRedis('page-bookkeeping');
  return createStore(redis.redis, redis.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
}

const hourOf = (iso: string) => String(Math.floor(Date.parse(iso) / HOUR_MS));

describe("a page's bookkeeping in one call each (real Redis)", () => {
  it('clears the settling marks of a page that are not newer than its ingest, and only those', async () => {
    const store = await setup();
    const key = store.keys.settling('lapor');
    await redis!.redis.zadd(key, 100, 'a', 200, 'b', 300, 'c', 100, 'other');
    expect(await store.settling.done('lapor', ['a', 'b', 'c', 'missing', 'a'], 200)).toBe(2);
    expect(await redis!.redis.zrange(key, 0, -1)).toEqual(['other', 'c']);
    expect(await store.settling.done('lapor', ['c'], 299)).toBe(0);
  });

  it("bumps each report hour of a case's complaints by as many as it has there, gathered into one write", async () => {
    const store = await setup();
    const times = ['2026-03-01T08:10:00Z', '2026-03-01T08:50:00Z', '2026-03-01T09:05:00Z'];
    const caseId = 'lapor:1';
    for (const [i, at] of times.entries())
      await putComplaint(store, { ...testComplaint('lapor', String(i + 1), at), caseId });
    const versions = store.keys.rekapVersions();
    const before = await redis!.redis.hgetall(versions);
    await store.rekapSummaries.bumpCases([caseId, caseId]);
    const after = await redis!.redis.hgetall(versions);
    const grew = (hour: string) => Number(after[hour] ?? 0) - Number(before[hour] ?? 0);
    expect(grew(hourOf(times[0]!))).toBe(2);
    expect(grew(hourOf(times[2]!))).toBe(1);
    expect(Object.keys(after).sort()).toEqual([hourOf(times[0]!), hourOf(times[2]!)].sort());
  });
});
