import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { systemClock } from '../../../src/domain/clock.js';
import { startDaemon, type Daemon } from '../../../src/main.js';
import { computeRekap } from '../../../src/rekap/scan.js';
import { rekapSettings } from '../../../src/rekap/settings.js';
import { createStore } from '../../../src/store/store.js';
import { waitFor } from '../../support/cli.js';
import { sandboxPortsEnv } from '../../support/daemon.js';
import { captureLogger } from '../../support/logger.js';
import { TEST_REDIS_URL, testRedis, type TestRedis } from '../../support/redis.js';

let daemon: Daemon | undefined;
let redis: TestRedis | undefined;
afterEach(async () => {
  await daemon?.stop();
  await redis?.cleanup();
  daemon = redis = undefined;
});

describe('the sandbox demo through the OPD directory (real daemon, real Redis)', () => {
  it('resolves every OPD each demo system names, so the rekap lists each OPD once under its code', async () => {
    redis = await testRedis('opd');
    const env = {
      ...(await sandboxPortsEnv()),
      REDIS_URL: TEST_REDIS_URL,
      LAPOR_BRIDGE__REDIS__KEYPREFIX: redis.prefix,
      LAPOR_BRIDGE_HTTP_PORT: '0',
      LAPOR_BRIDGE__SANDBOX__LAPOR__REPORTS: '120',
      LAPOR_BRIDGE__SANDBOX__REGIONAL__REPORTS: '40',
    };
    const loaded = loadConfig({ env });
    const logs = captureLogger('info');
    daemon = await startDaemon(loaded, logs.logger);
    const store = createStore(redis.redis, redis.prefix, systemClock, { failingAfter: 3 });
    const regional = ['wadesk', 'superapp', 'bupatiapp', 'open311'];
    await waitFor(
      async () =>
        (await redis!.redis.hlen(store.keys.externalIds('lapor'))) > 0 &&
        (await Promise.all(regional.map((s) => redis!.redis.hlen(store.keys.externalIds(s))))).every((n) => n === 40),
      60_000,
      () => `complaints from every source\n${logs.text().slice(-2000)}`,
    );

    const named = new Map<string, Set<string>>();
    const ids = await store.ledger.ids(0, 10_000);
    for (const id of ids) {
      const c = (await store.ledger.get(id))!;
      if (!c.opd) continue;
      // Every value a demo system sends is known to the directory: none waits in triage as unknown.
      expect(c.opd.code, `${c.source} ${JSON.stringify(c.opd)}`).toBeDefined();
      expect(c.opd.assignedBy).toBe('source');
      named.set(c.opd.code!, (named.get(c.opd.code!) ?? new Set()).add(c.source));
    }
    // The same OPD arrives from several systems under different ids and names, yet is one code.
    expect([...named.values()].some((sources) => sources.size >= 3)).toBe(true);
    expect(named.size).toBeLessThanOrEqual(11);
    const unknown = [];
    for await (const [, t] of store.triage.entries()) if (t.kind === 'unknown_opd') unknown.push(t);
    expect(unknown).toEqual([]);

    const rekap = await computeRekap(store, rekapSettings(loaded.config, loaded.opd), {
      period: { from: '2000-01-01', to: '2099-12-31' },
      now: new Date(),
    });
    const keys = rekap.rows.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(rekap.rows.map((r) => r.name)).size).toBe(rekap.rows.length);
    expect(keys.every((k) => loaded.opd.get(k) !== undefined)).toBe(true);
    expect(rekap.rows.length).toBe(named.size);
  }, 120_000);
});
