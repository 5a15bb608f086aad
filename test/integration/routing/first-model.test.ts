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
const at = (i: number) => new Date(Date.UTC(2026, 3, 1 + (i % 28), i % 24)).toISOString();

describe("the first routing model comes with the day's history, not the next night (real Redis)", () => {
  it('trains once enough complaints have an OPD, reads the ledger again only when that count changes, and never over a model', async () => {
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
          testComplaint('lapor', `x${n}`, at(n), { body: `${body} ${n}`, opd: { code, assignedBy: by } }),
        );
    };

    // Too few with an OPD: the ledger is not read.
    await put(30, 'dpupr', 'source', 'jalan rusak berlubang');
    expect(await routing.trainFirstModel()).toBeUndefined();
    expect(train).not.toHaveBeenCalled();

    // Enough with an OPD, but those a rule chose teach nothing: one reading finds too few labelled…
    await put(15, 'dpupr', 'rule', 'surat pengantar desa');
    expect(await routing.trainFirstModel()).toMatchObject({ trained: false, examples: 30 });
    // …and while that count stays, none again.
    expect(await routing.trainFirstModel()).toBeUndefined();
    expect(train).toHaveBeenCalledTimes(1);

    // A complaint without an OPD waits in triage for want of a model…
    const unrouted = testComplaint('wa', 'tanpa-opd', at(99), { body: 'puskesmas tutup obat habis' });
    await putComplaint(store, unrouted);
    await routing.route(unrouted);
    expect((await store.triage.get(`${unrouted.id}:route`))?.why).toEqual({ kind: 'no_model' });

    // …until the history grows: the first model is trained and triage is asked again.
    await put(20, 'dinkes', 'source', 'puskesmas tutup obat habis');
    const first = await routing.trainFirstModel();
    expect(first).toMatchObject({ trained: true, examples: 50, opds: 2 });
    expect(await store.routing.currentVersion()).toBe(first!.trained ? first!.version : undefined);
    const entry = await store.triage.get(`${unrouted.id}:route`);
    if (entry) expect(entry.modelVersion).toBe(first!.trained ? first!.version : undefined);
    else expect((await store.ledger.get(unrouted.id))!.opd).toMatchObject({ code: 'dinkes', assignedBy: 'model' });

    // With a model, training is the nightly schedule's: this one does nothing.
    await put(20, 'dinkes', 'source', 'posyandu imunisasi');
    expect(await routing.trainFirstModel()).toBeUndefined();
    expect(train).toHaveBeenCalledTimes(2);
  });
});
