import { afterEach, describe, expect, it } from 'vitest';
import { ledgerKeys } from '../../src/store/keys.js';
import { freePort, runCli, spawnCli, waitFor } from '../support/cli.js';
import { sandboxPortsEnv } from '../support/daemon.js';
import { TEST_REDIS_URL, testRedis, type TestRedis } from '../support/redis.js';

/**
 * `check` and `sync` on the shipped defaults (sandbox mode) act as the daemon does: the
 * sandbox credential for simulated sources, and the daemon's simulators. Without a running
 * daemon they say so in Indonesian, and record nothing as the source's error.
 */
let redis: TestRedis | undefined;
let stopDaemon: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stopDaemon?.();
  await redis?.cleanup();
  redis = stopDaemon = undefined;
});

async function sandboxEnv(r: TestRedis): Promise<Record<string, string>> {
  return {
    ...(await sandboxPortsEnv()),
    REDIS_URL: TEST_REDIS_URL,
    LAPOR_BRIDGE__REDIS__KEYPREFIX: r.prefix,
    LAPOR_BRIDGE__SANDBOX__LAPOR__REPORTS: '20',
    LAPOR_BRIDGE__SANDBOX__REGIONAL__REPORTS: '5',
    LANG: 'C.UTF-8',
  };
}

describe('check and sync in sandbox mode (real CLI, real Redis)', () => {
  it('without the daemon: a clear Indonesian sentence, exit 1, no error recorded for the source', async () => {
    redis = await testRedis('clisbx');
    const env = await sandboxEnv(redis);
    const sync = await runCli(['sync', '--source', 'lapor'], env);
    expect(sync.code).toBe(1);
    expect(sync.stderr).toContain('simulator sandbox');
    expect(sync.stderr).toContain('tidak berjalan');
    expect(sync.stderr).toContain('npm start');
    expect(sync.stderr).not.toMatch(/ECONNREFUSED/);
    const check = await runCli(['check', 'wadesk'], env);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('tidak berjalan');
    expect(check.stderr).not.toMatch(/ECONNREFUSED|is not set/);
    const state = await redis.redis.hgetall(ledgerKeys(redis.prefix).sourceState('lapor'));
    expect(state.lastError).toBeUndefined();
    expect(state.consecutiveFailures ?? '0').toBe('0');
  }, 60_000);

  it('with the daemon: check passes on every simulated source and sync polls from the saved cursor', async () => {
    redis = await testRedis('clisbx');
    const r = redis;
    const env = await sandboxEnv(r);
    const port = await freePort();
    const daemon = spawnCli(['start'], {
      ...env,
      LAPOR_BRIDGE_HTTP_PORT: String(port),
      LAPOR_BRIDGE_DASHBOARD_PASSWORD: 'cli-sandbox-password',
    });
    stopDaemon = async () => {
      daemon.child.kill('SIGTERM');
      await daemon.exited;
    };
    await waitFor(
      async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.status === 200,
      30_000,
      () => `daemon ready\n${daemon.output().stdout.slice(-2000)}`,
    );
    const keys = ledgerKeys(r.prefix);
    // The daemon's own first poll of LAPOR is over (its lease lock is free again).
    await waitFor(
      async () => (await r.redis.hget(keys.sourceState('lapor'), 'lastSuccessAt')) !== null,
      30_000,
      () => `first LAPOR poll\n${daemon.output().stdout.slice(-2000)}`,
    );
    for (const source of ['lapor', 'wadesk', 'superapp', 'bupatiapp']) {
      const check = await runCli(['check', source], env);
      expect(check.stderr, source).toBe('');
      expect(check.stdout, source).toContain(`sumber "${source}" berfungsi`);
      expect(check.code, source).toBe(0);
    }
    const sync = await runCli(['sync', '--source', 'lapor'], env);
    expect(sync.stderr).toBe('');
    // New ones may come: the daemon's forwards create LAPOR reports after its first poll.
    expect(sync.stdout).toMatch(/^lapor: selesai; \d+ halaman, \d+ rekaman \(\d+ aduan baru\), 0 dikarantina/);
    expect(sync.code).toBe(0);
    expect(await r.redis.hget(keys.sourceState('lapor'), 'lastError')).toBeNull();
  }, 150_000);
});
