import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { startDaemon, type Daemon } from '../../../src/main.js';
import { createStore } from '../../../src/store/store.js';
import { systemClock } from '../../../src/domain/clock.js';
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

describe('the daemon on the shipped defaults (sandbox mode)', () => {
  it('ingests complaints from the embedded LAPOR sandbox and from every regional system', async () => {
    redis = await testRedis('sbx');
    const env = {
      ...(await sandboxPortsEnv()),
      REDIS_URL: TEST_REDIS_URL,
      LAPOR_BRIDGE__REDIS__KEYPREFIX: redis.prefix,
      LAPOR_BRIDGE_HTTP_PORT: '0',
      LAPOR_BRIDGE__SANDBOX__LAPOR__REPORTS: '60',
      LAPOR_BRIDGE__SANDBOX__REGIONAL__REPORTS: '12',
    };
    const loaded = loadConfig({ env });
    const sources = Object.keys(loaded.config.sources);
    const logs = captureLogger('info');
    daemon = await startDaemon(loaded, logs.logger);

    const store = createStore(redis.redis, redis.prefix, systemClock, { failingAfter: 3 });
    const held = async () =>
      Object.fromEntries(
        await Promise.all(sources.map(async (s) => [s, await redis!.redis.hlen(store.keys.externalIds(s))] as const)),
      );
    let counts: Record<string, number> = {};
    const regional = ['wadesk', 'superapp', 'bupatiapp', 'open311'];
    // Each regional system holds 12 generated complaints; LAPOR shows those disposed to the instansi.
    await waitFor(
      async () => (counts = await held()).lapor! > 0 && regional.every((s) => counts[s] === 12),
      30_000,
      () => `complaints from every source, have ${JSON.stringify(counts)}\n${logs.text().slice(-3000)}`,
    );
    expect(Object.keys(counts).sort()).toEqual(['bupatiapp', 'lapor', 'open311', 'superapp', 'wadesk']);
    // One complaint per record, none twice: the index and the per-source id maps agree (read atomically).
    const snapshot = redis.redis.multi().zcard(store.keys.complaintIndex());
    for (const s of sources) snapshot.hlen(store.keys.externalIds(s));
    const [total, ...perSource] = ((await snapshot.exec()) ?? []).map(([, n]) => n as number);
    expect(total).toBe(perSource.reduce((a, b) => a + b, 0));
    const health = (await (await fetch(`http://127.0.0.1:${daemon.port}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', sandbox: true });
    expect(logs.lines().filter((l) => l.level === 50 || l.level === 60)).toEqual([]);
  });
});
