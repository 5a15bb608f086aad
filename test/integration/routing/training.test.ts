import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { RoutingService } from '../../../src/routing/service.js';
import { createStore } from '../../../src/store/store.js';
import { captureLogger } from '../../support/logger.js';
import { putComplaint, testComplaint } from '../../support/complaints.js';
import { testRedis, type TestRedis } from '../../support/redis.js';

let redis: TestRedis | undefined;
afterEach(async () => {
  await redis?.cleanup();
  redis = undefined;
});

const NOW = new Date('2026-05-01T02:00:00Z');
const clock = { now: () => NOW, sleep: async () => {} };
const at = (day: number, hour: number) => new Date(Date.UTC(2026, 2, day, hour)).toISOString();

describe('the routing training reads the latest labelled complaints (real Redis)', () => {
  it('learns from the `maxExamples` latest reported, reading the ledger from the newest down and no further', async () => {
    redis = await testRedis('trainwin');
    const store = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
    const loaded = loadConfig({ env: {} });
    const source = (code: string) => ({ opd: { code, assignedBy: 'source' as const } });
    // March: roads (dpupr); April: health (dinkes); a complaint with no OPD among them teaches nothing.
    for (let i = 0; i < 600; i++)
      await putComplaint(
        store,
        testComplaint('lapor', `r${i}`, at(1 + (i % 28), i % 24), {
          body: `jalan rusak berlubang ${i}`,
          ...source('dpupr'),
        }),
      );
    for (let i = 0; i < 60; i++)
      await putComplaint(
        store,
        testComplaint('wa', `h${i}`, at(33 + (i % 20), i % 24), {
          body: `puskesmas tutup obat habis ${i}`,
          ...source('dinkes'),
        }),
      );
    await putComplaint(store, testComplaint('wa', 'none', at(40, 1), { body: 'lampu jalan mati' }));
    // An operator's label on an old complaint outside the window is not read either.
    await store.routing.examples.set(testComplaint('lapor', 'r0', at(1, 0)).id, {
      complaintId: testComplaint('lapor', 'r0', at(1, 0)).id,
      opd: 'dinsos',
      origin: 'triage',
      by: 'op',
      at: NOW.toISOString(),
    });

    // The indexes are kept with every write; a ledger older than them is indexed once, first
    // (a training counts the complaints with an OPD by the OPD index).
    await store.reported.ensureBuilt();
    await store.opdIndex.ensureBuilt();
    const train = async (maxExamples: number) => {
      const routing = new RoutingService({
        store,
        units: loaded.opd,
        config: { ...loaded.config.routing, minExamples: 20, maxExamples },
        clock,
        logger: captureLogger('info').logger,
      });
      const mget = vi.spyOn(redis!.redis, 'mgetBuffer');
      const result = await routing.train();
      const read = mget.mock.calls.reduce((n, [keys]) => n + (keys as unknown as string[]).length, 0);
      mget.mockRestore();
      return { result, read, model: await routing.model() };
    };

    const april = await train(60);
    expect(april.result).toMatchObject({ trained: true, examples: 60, opds: 1 });
    expect(april.model!.data.classes).toEqual(['dinkes']);
    // One batch of 500 from the newest: not the 661 complaints of the ledger.
    expect(april.read).toBe(500);

    const both = await train(100);
    expect(both.result).toMatchObject({ trained: true, examples: 100, opds: 2 });
    expect(both.model!.data.classes).toEqual(['dinkes', 'dpupr']);
    expect(both.model!.suggest({ text: 'puskesmas tutup' })[0]!.opd).toBe('dinkes');

    // All of it: the operator's label teaches its OPD, over what the source said.
    const all = await train(10_000);
    expect(all.result).toMatchObject({ trained: true, examples: 660, opds: 3 });
    expect(all.read).toBe(661);
  });
});

const inApril = (i: number) => new Date(Date.UTC(2026, 3, 1 + (i % 28), i % 24)).toISOString();

describe("the first routing model comes with the day's history, not the next night (real Redis)", () => {
  it('trains once enough complaints have an OPD, reads the ledger again only when that count changes, and again once it doubled', async () => {
    redis = await testRedis('firstmodel');
    const store = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
    const loaded = loadConfig({ env: {} });
    const logs = captureLogger('info');
    const routing = new RoutingService({
      store,
      units: loaded.opd,
      config: { ...loaded.config.routing, minExamples: 40 },
      clock,
      logger: logs.logger,
    });
    const train = vi.spyOn(routing, 'train');
    let n = 0;
    const put = async (count: number, code: string, by: 'source' | 'rule', body: string) => {
      for (let i = 0; i < count; i++, n++)
        await putComplaint(
          store,
          testComplaint('lapor', `x${n}`, inApril(n), { body: `${body} ${n}`, opd: { code, assignedBy: by } }),
        );
    };

    // Too few with an OPD: the ledger is not read.
    await put(30, 'dpupr', 'source', 'jalan rusak berlubang');
    expect(await routing.trainEarly()).toBeUndefined();
    expect(train).not.toHaveBeenCalled();

    // Enough with an OPD, but those a rule chose teach nothing: one reading finds too few labelled…
    await put(15, 'dpupr', 'rule', 'surat pengantar desa');
    expect(await routing.trainEarly()).toMatchObject({ trained: false, examples: 30 });
    // …and while that count stays, none again.
    expect(await routing.trainEarly()).toBeUndefined();
    expect(train).toHaveBeenCalledTimes(1);

    // A complaint without an OPD waits in triage for want of a model…
    const unrouted = testComplaint('wa', 'tanpa-opd', inApril(99), { body: 'puskesmas tutup obat habis' });
    await putComplaint(store, unrouted);
    await routing.route(unrouted);
    expect((await store.triage.get(`${unrouted.id}:route`))?.why).toEqual({ kind: 'no_model' });

    // …until the history grows: the first model is trained and triage is asked again.
    await put(20, 'dinkes', 'source', 'puskesmas tutup obat habis');
    const first = await routing.trainEarly();
    expect(first).toMatchObject({ trained: true, examples: 50, opds: 2 });
    expect(await store.routing.currentVersion()).toBe(first!.trained ? first!.version : undefined);
    const entry = await store.triage.get(`${unrouted.id}:route`);
    if (entry) expect(entry.modelVersion).toBe(first!.trained ? first!.version : undefined);
    else expect((await store.ledger.get(unrouted.id))!.opd).toMatchObject({ code: 'dinkes', assignedBy: 'model' });

    // With a model, it trains again only once the complaints with an OPD have doubled since
    // (65 then): a model of the backfill's first hundred is not kept until the nightly training.
    await put(20, 'dinkes', 'source', 'posyandu imunisasi');
    expect(await routing.trainEarly()).toBeUndefined();
    expect(train).toHaveBeenCalledTimes(2);
    await put(45, 'disdik', 'source', 'sekolah atap bocor');
    expect(await routing.trainEarly()).toMatchObject({ trained: true, examples: 115, opds: 3 });
    expect(await routing.trainEarly()).toBeUndefined();
    expect(train).toHaveBeenCalledTimes(3);
  });

  it('trains early no more once a model had routing.maxExamples; another daemon goes on from the count kept in Redis', async () => {
    redis = await testRedis('earlymodel');
    const store = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
    const loaded = loadConfig({ env: {} });
    const service = (maxExamples: number) =>
      new RoutingService({
        store,
        units: loaded.opd,
        config: { ...loaded.config.routing, minExamples: 20, maxExamples },
        clock,
        logger: captureLogger().logger,
      });
    let n = 0;
    const put = async (count: number, code: string, body: string) => {
      for (let i = 0; i < count; i++, n++)
        await putComplaint(
          store,
          testComplaint('lapor', `y${n}`, inApril(n), { body: `${body} ${n}`, opd: { code, assignedBy: 'source' } }),
        );
    };
    await put(15, 'dpupr', 'jalan rusak berlubang');
    await put(15, 'dinkes', 'puskesmas tutup obat habis');
    expect(await service(1000).trainEarly()).toMatchObject({ trained: true, examples: 30 });
    expect(await store.routing.trainedWith()).toBe(30);

    // A daemon started after it (a restart, a replica) goes on from that count: 60 trains again.
    const restarted = service(1000);
    await put(29, 'disdik', 'sekolah atap bocor');
    expect(await restarted.trainEarly()).toBeUndefined();
    await put(1, 'disdik', 'sekolah atap bocor');
    expect(await restarted.trainEarly()).toMatchObject({ trained: true, examples: 60, opds: 3 });
    expect(await store.routing.trainedWith()).toBe(60);

    // Once a model was trained with routing.maxExamples, the schedule alone retrains.
    const capped = service(60);
    await put(100, 'dinsos', 'bantuan sosial tidak tepat sasaran');
    expect(await capped.trainEarly()).toBeUndefined();
  });
});
