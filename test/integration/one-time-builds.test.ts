import { afterEach, describe, expect, it } from 'vitest';
import { markNewLedger, ONE_TIME_BUILDS } from '../../src/store/one-time-builds.js';
import { createStore } from '../../src/store/store.js';
import { testComplaint } from '../support/complaints.js';
import { testRedis, type TestRedis } from '../support/redis.js';

const clock = { now: () => new Date('2026-03-31T02:00:00Z'), sleep: async () => {} };
let t: TestRedis | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

describe('one-time builds of a ledger (real Redis)', () => {
  it('are marked done for a ledger that holds no complaint, so it never walks itself later', async () => {
    t = await testRedis('onetime');
    const store = createStore(t.redis, t.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
    expect(await markNewLedger(t.redis, store.keys)).toBe(true);
    expect(await t.redis.mget(ONE_TIME_BUILDS.map((name) => store.keys.meta(name)))).toEqual(
      ONE_TIME_BUILDS.map(() => 'v1'),
    );
  });

  it('are left to their first use for a ledger that holds complaints (an older version may have written them)', async () => {
    t = await testRedis('onetime');
    const store = createStore(t.redis, t.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
    const c = testComplaint('lapor', '1', '2026-03-01T01:00:00.000Z');
    await store.ledger.transact(c.id, () => ({ complaint: c, audit: { who: 'test', what: 'created', why: 'test' } }));
    expect(await markNewLedger(t.redis, store.keys)).toBe(false);
    expect(await t.redis.mget(ONE_TIME_BUILDS.map((name) => store.keys.meta(name)))).toEqual(
      ONE_TIME_BUILDS.map(() => null),
    );
  });
});
