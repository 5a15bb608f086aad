import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../../../src/store/store.js';
import { testRedis, type TestRedis } from '../../support/redis.js';

let redis: TestRedis | undefined;
afterEach(async () => {
  await redis?.cleanup();
  redis = undefined;
});

const clock = { now: () => new Date('2026-03-10T00:00:00Z'), sleep: async () => {} };
const AT = new Date('2026-03-10T01:00:00Z');

describe('echoes, one hash per system (real Redis)', () => {
  it('answers a page of checks per system in one read, from every writer', async () => {
    redis = await testRedis('echoes');
    const store = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
    await store.echoes.remember('lapor', '501', ['id:tl-1', 'text:a']);
    await store.echoes.remember('lapor', '501', ['text:a', 'text:b']);
    await store.remoteWrites.begin({
      destination: 'lapor',
      perMinute: 100,
      now: AT,
      echo: { system: 'lapor', externalId: '502', members: ['text:c'] },
    });
    await store.remoteWrites.sent({
      scope: 'r-1',
      field: 'answer|wadesk|9',
      remoteId: 'wa-1',
      at: AT,
      echo: { system: 'wadesk', externalId: '9', members: ['id:wa-1', 'text:"quoted"/\\'] },
      audit: { who: 'push', what: 'answer_sent', why: 'test', complaintId: 'c-1' },
    });
    expect(
      await store.echoes.knowEach([
        { system: 'lapor', externalId: '501', members: ['text:b'] },
        { system: 'lapor', externalId: '501', members: ['text:z'] },
        { system: 'lapor', externalId: '502', members: ['text:z', 'text:c'] },
        { system: 'lapor', externalId: '503', members: ['text:c'] },
        { system: 'wadesk', externalId: '9', members: ['text:"quoted"/\\'] },
        { system: 'wadesk', externalId: '9', members: [] },
      ]),
    ).toEqual([true, false, true, false, true, false]);
    expect(JSON.parse((await redis.redis.hget(store.keys.echoIndex('lapor'), '501'))!)).toEqual([
      'id:tl-1',
      'text:a',
      'text:b',
    ]);
    expect((await store.readAudit(5, 'c-1')).map((e) => e.fields.what)).toEqual(['answer_sent']);
  });

  it('moves the sets of the layout before into the hashes on first read, beside what was remembered since', async () => {
    redis = await testRedis('echoes');
    const { keys } = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3 });
    await redis.redis.sadd(keys.echoes('lapor', 'LAP:9'), 'id:old', 'text:same');
    await redis.redis.sadd(keys.echoes('wadesk', 'w1'), 'text:w');
    const store = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
    await store.echoes.remember('lapor', 'LAP:9', ['text:same', 'text:new']);
    expect(await store.echoes.knows('lapor', 'LAP:9', ['id:old'])).toBe(true);
    expect(await store.echoes.knows('lapor', 'LAP:9', ['text:new'])).toBe(true);
    expect(await store.echoes.knows('wadesk', 'w1', ['text:w'])).toBe(true);
    expect(await redis.redis.exists(keys.echoes('lapor', 'LAP:9'), keys.echoes('wadesk', 'w1'))).toBe(0);
    expect(JSON.parse((await redis.redis.hget(keys.echoIndex('lapor'), 'LAP:9'))!).sort()).toEqual([
      'id:old',
      'text:new',
      'text:same',
    ]);
  });
});
