import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/store.js';
import { readStream } from '../../src/store/audit.js';
import { systemClock } from '../../src/domain/clock.js';
import { startLaporSandbox, type LaporSandbox } from '../../src/sandbox/lapor/index.js';
import { waitFor } from '../support/cli.js';
import { startDaemonProcess } from '../support/daemon.js';
import { laporSourceConfig } from '../support/lapor-source.js';
import { testRedis, type TestRedis } from '../support/redis.js';
import { audited } from '../support/audited.js';

let sandbox: LaporSandbox | undefined;
let redis: TestRedis | undefined;
const children: { child: { kill(signal: NodeJS.Signals): boolean } }[] = [];

afterEach(async () => {
  for (const c of children.splice(0)) c.child.kill('SIGKILL');
  await sandbox?.close();
  await redis?.cleanup();
  sandbox = redis = undefined;
});

/** Daemon settings that make recovery observable in seconds instead of minutes. */
function fastEnv(prefix: string, token: string): Record<string, string> {
  return {
    LAPOR_BRIDGE__REDIS__KEYPREFIX: prefix,
    LAPOR_TOKEN: token,
    LAPOR_BRIDGE__PIPELINE__POLLLOCKMS: '2000',
    // 5 s, not 2: a lock must be renewed in time while the rest of the suite keeps the machine busy.
    LAPOR_BRIDGE__PIPELINE__JOBLOCKMS: '5000',
    LAPOR_BRIDGE__PIPELINE__BACKOFFMS: '200',
  };
}

async function ledgerOf(t: TestRedis) {
  return createStore(t.redis, t.prefix, systemClock, { failingAfter: 3 });
}

describe('daemon processes against one Redis (real child processes)', () => {
  it('loses nothing and duplicates nothing when the daemon is SIGKILLed in the middle of a poll', async () => {
    redis = await testRedis('kill');
    sandbox = await startLaporSandbox({ reports: 1200, seed: 11, faults: { slow: { delayMs: 40 } } });
    const expected = sandbox.visibleTrackingIds().length;
    const config = laporSourceConfig(sandbox, { pageSize: 20, schedule: '*/2 * * * * *' });
    const env = fastEnv(redis.prefix, sandbox.token);
    const store = await ledgerOf(redis);

    const first = await startDaemonProcess(config, env);
    children.push(first);
    await waitFor(async () => (await store.ledger.count()) >= 150, 30_000, 'a part of the poll to land');
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = await store.ledger.count();
    expect(atKill).toBeLessThan(expected);

    const second = await startDaemonProcess(config, env);
    children.push(second);
    await waitFor(async () => (await store.ledger.count()) === expected, 60_000, `all ${expected} reports`);
    const created = audited(await readStream(redis.redis, store.keys.audit(), 100_000), 'created');
    expect(created).toHaveLength(expected);
    expect(new Set(created).size).toBe(expected);
    expect(await redis.redis.hlen(store.keys.externalIds('lapor'))).toBe(expected);
    // The waits above allow 30 s + 60 s: the test's own limit must not cut them short on a busy machine.
  }, 120_000);

  it('two daemons poll each slot once and never store a complaint twice', async () => {
    redis = await testRedis('two');
    sandbox = await startLaporSandbox({ reports: 600, seed: 12, faults: { slow: { delayMs: 20 } } });
    const expected = sandbox.visibleTrackingIds().length;
    const config = laporSourceConfig(sandbox, { pageSize: 25, schedule: '*/2 * * * * *' });
    const env = fastEnv(redis.prefix, sandbox.token);
    const store = await ledgerOf(redis);

    const [a, b] = await Promise.all([startDaemonProcess(config, env), startDaemonProcess(config, env)]);
    children.push(a, b);
    await waitFor(async () => (await store.ledger.count()) === expected, 60_000, 'all reports');
    // Let several more slots tick on both replicas.
    await new Promise((r) => setTimeout(r, 5000));

    const runs = await readStream(redis.redis, store.keys.syncRuns(), 10_000);
    const slots = runs.map((r) => r.fields.slot);
    expect(runs.length).toBeGreaterThan(2);
    expect(new Set(slots).size).toBe(slots.length);
    const created = audited(await readStream(redis.redis, store.keys.audit(), 100_000), 'created');
    expect(created).toHaveLength(expected);
    expect(await store.ledger.count()).toBe(expected);
  }, 120_000);
});
