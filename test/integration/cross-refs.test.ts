import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/store.js';
import { testRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis | undefined;
afterEach(async () => {
  await redis?.cleanup();
  redis = undefined;
});

const clock = { now: () => new Date('2026-03-10T00:00:00Z'), sleep: async () => {} };

describe('cross-references, one hash per system (real Redis)', () => {
  it('answers a page of look-ups in one call and notes each complaint once', async () => {
    redis = await testRedis('xref');
    const { ledger } = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
    await ledger.addReference('lapor', 'LAP-1', 'c-a');
    await ledger.addReference('lapor', 'LAP-1', 'c-b');
    await ledger.addReference('lapor', 'LAP-1', 'c-a');
    await ledger.addReference('lapor', 'LAP-2', 'c-c');
    await ledger.addReference('wadesk', 'LAP-1', 'c-d');
    expect(await ledger.referencingMany('lapor', ['LAP-1', 'LAP-3', 'LAP-2'])).toEqual([['c-a', 'c-b'], [], ['c-c']]);
    expect(await ledger.referencing('wadesk', 'LAP-1')).toEqual(['c-d']);
  });

  it('moves the sets of the layout before into the hashes on first read, beside what was noted since', async () => {
    redis = await testRedis('xref');
    const { keys } = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3 });
    await redis.redis.sadd(keys.crossRefs('lapor', 'LAP:9'), 'c-old1', 'c-old2');
    await redis.redis.sadd(keys.crossRefs('superapp', 'S-1'), 'c-old3');
    const { ledger } = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
    await ledger.addReference('lapor', 'LAP:9', 'c-new');
    expect((await ledger.referencing('lapor', 'LAP:9')).sort()).toEqual(['c-new', 'c-old1', 'c-old2']);
    expect(await ledger.referencing('superapp', 'S-1')).toEqual(['c-old3']);
    expect(await redis.redis.exists(keys.crossRefs('lapor', 'LAP:9'), keys.crossRefs('superapp', 'S-1'))).toBe(0);
  });
});
