import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { systemClock } from '../../../src/domain/clock.js';
import { startDaemon, type Daemon } from '../../../src/main.js';
import { createStore } from '../../../src/store/store.js';
import { waitFor } from '../../support/cli.js';
import { sandboxPortsEnv } from '../../support/daemon.js';
import { captureLogger } from '../../support/logger.js';
import { TEST_REDIS_URL, testRedis, type TestRedis } from '../../support/redis.js';

/**
 * Sandbox mode across a restart: the simulators start afresh, and the ledger of what they
 * hold starts empty with them, so the LAPOR simulator never hands a tracking id the ledger
 * already knows to another complaint. Counted on the LAPOR simulator's own reports.
 */
let daemon: Daemon | undefined;
let redis: TestRedis | undefined;
afterEach(async () => {
  await daemon?.stop();
  await redis?.cleanup();
  daemon = redis = undefined;
});

describe('sandbox mode across restarts (real daemon, real Redis)', () => {
  it('never reuses a tracking id: every forward in the ledger is the LAPOR report made for that complaint', async () => {
    redis = await testRedis('sbxrestart');
    const r = redis;
    const ports = await sandboxPortsEnv();
    const env = {
      ...ports,
      REDIS_URL: TEST_REDIS_URL,
      LAPOR_BRIDGE__REDIS__KEYPREFIX: r.prefix,
      LAPOR_BRIDGE_HTTP_PORT: '0',
      LAPOR_BRIDGE_DASHBOARD_PASSWORD: 'restart-test-password',
      LAPOR_BRIDGE__SANDBOX__LAPOR__REPORTS: '20',
      LAPOR_BRIDGE__SANDBOX__REGIONAL__REPORTS: '8',
    };
    const laporUrl = `http://127.0.0.1:${ports.LAPOR_BRIDGE__SANDBOX__LAPOR__PORT}`;
    const store = createStore(r.redis, r.prefix, systemClock, { failingAfter: 3 });
    const { sendStates } = store;

    /** (complaint, tracking id) of every forward the ledger says LAPOR took. */
    const forwards = async (): Promise<[string, string][]> => {
      const out: [string, string][] = [];
      for (const id of await r.redis.zrange(store.keys.complaintIndex(), 0, -1)) {
        const state = await sendStates.get(id, 'forward|lapor');
        if (state?.state === 'sent' && state.remoteId) out.push([id, state.remoteId]);
      }
      return out;
    };
    const laporReport = async (trackingId: string) => {
      const res = await fetch(`${laporUrl}/_sandbox/reports/${trackingId}`);
      return res.status === 200 ? ((await res.json()) as { clientRef?: string }) : undefined;
    };

    const run = async (label: string) => {
      const logs = captureLogger('info');
      daemon = await startDaemon(loadConfig({ env }), logs.logger);
      const d = daemon;
      await waitFor(
        async () =>
          (await r.redis.hlen(store.keys.externalIds('wadesk'))) === 8 &&
          (await r.redis.hlen(store.keys.externalIds('superapp'))) === 8,
        30_000,
        () => `${label}: regional complaints in the ledger\n${logs.text().slice(-2000)}`,
      );
      const pushQueue = `{${r.prefix}}:push`;
      await waitFor(
        async () => {
          const busy = await Promise.all(
            ['wait', 'active', 'delayed', 'prioritized'].map((s) =>
              s === 'wait' || s === 'active' ? r.redis.llen(`${pushQueue}:${s}`) : r.redis.zcard(`${pushQueue}:${s}`),
            ),
          );
          return busy.every((n) => n === 0) && (await forwards()).length > 0;
        },
        30_000,
        () => `${label}: forwards done\n${logs.text().slice(-2000)}`,
      );
      const made = await forwards();
      // Ground truth: each tracking id the ledger holds is, on the LAPOR simulator, the report made for that complaint.
      expect(new Set(made.map(([, t]) => t)).size, `${label}: one tracking id per complaint`).toBe(made.length);
      for (const [complaint, trackingId] of made)
        expect((await laporReport(trackingId))?.clientRef, `${label}: LAPOR ${trackingId}`).toBe(complaint);
      // And every LAPOR record in the ledger exists on this simulator.
      for (const trackingId of await r.redis.hkeys(store.keys.externalIds('lapor')))
        expect(await laporReport(trackingId), `${label}: LAPOR ${trackingId} exists`).toBeDefined();
      await d.stop();
      daemon = undefined;
      return { made, logs };
    };

    const first = await run('first start');
    const second = await run('after a restart');
    expect(second.made.length).toBeGreaterThan(0);
    // The accounts outlive the restart: no second first admin.
    expect(await r.redis.hexists(store.keys.users(), 'admin')).toBe(1);
    expect(second.logs.lines().some((l) => String(l.msg).startsWith('first admin account created'))).toBe(false);
    expect(first.logs.lines().some((l) => String(l.msg).startsWith('first admin account created'))).toBe(true);
  });
});
