import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/store.js';
import { testRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis | undefined;
afterEach(async () => {
  await redis?.cleanup();
  redis = undefined;
});

let tick = 0;
const clock = { now: () => new Date(Date.UTC(2026, 2, 10, 0, 0, tick++)), sleep: async () => {} };

describe("a complaint's own audit trail (real Redis)", () => {
  it('reads its entries newest first, with those of the stream it was kept in before, and costs a list, not a stream node', async () => {
    redis = await testRedis('trail');
    const store = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
    // Written before the trail became a list: a stream per complaint.
    await redis.redis.xadd(store.keys.complaintAudit('c-1'), '1000-0', 'who', 'ingest', 'what', 'created', 'why', 'x');
    await store.audit({
      who: 'routing:rule',
      what: 'routed',
      why: 'aturan',
      complaintId: 'c-1',
      detail: { opd: 'PU' },
    });
    await store.audit({ who: 'officer:ani', what: 'answer_approved', why: 'ok', complaintId: 'c-1' });
    await store.audit({ who: 'officer:ani', what: 'answer_approved', why: 'ok', complaintId: 'c-2' });
    const trail = await store.readAudit(10, 'c-1');
    expect(trail.map((e) => e.fields.what)).toEqual(['answer_approved', 'routed', 'created']);
    expect(trail[1]!.fields).toMatchObject({ who: 'routing:rule', complaint: 'c-1', detail: '{"opd":"PU"}' });
    // The same id as the entry in the global stream.
    const global = await store.readAudit(10);
    expect(global.find((e) => e.fields.what === 'routed')!.id).toBe(trail[1]!.id);
    expect(await store.readAudit(2, 'c-1')).toEqual(trail.slice(0, 2));
    expect(Number(await redis.redis.memory('USAGE', store.keys.complaintTrail('c-2')))).toBeLessThan(1000);
    // The list's key names the complaint; its entries do not repeat it.
    expect(await redis.redis.lindex(store.keys.complaintTrail('c-2'), 0)).not.toContain('complaint');
  });

  it('keeps the newest 500 entries', async () => {
    redis = await testRedis('trail');
    const store = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
    for (let i = 0; i < 530; i++) await store.audit({ who: 'test', what: `step-${i}`, why: 'x', complaintId: 'c-1' });
    const length = await redis.redis.llen(store.keys.complaintTrail('c-1'));
    expect(length).toBeGreaterThanOrEqual(500);
    expect(length).toBeLessThanOrEqual(520);
    expect((await store.readAudit(1, 'c-1'))[0]!.fields.what).toBe('step-529');
  });
});
