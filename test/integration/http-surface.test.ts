import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { startDaemon, type Daemon } from '../../src/main.js';
import { createRedis } from '../../src/redis/connection.js';
import { createApp, listen, boundPort, closeServer } from '../../src/http/server.js';
import { createQueues, closeQueues } from '../../src/queue/queues.js';
import { createMetrics } from '../../src/http/metrics.js';
import { sandboxPortsEnv } from '../support/daemon.js';
import { testAccounts } from '../support/accounts.js';
import { captureLogger } from '../support/logger.js';
import { TEST_REDIS_URL, testRedis, type TestRedis } from '../support/redis.js';

const PASSWORD = 'dashboard-password-for-tests';

describe('daemon HTTP surface (real Redis)', () => {
  let t: TestRedis;
  let daemon: Daemon;
  let base: string;
  const log = captureLogger('info');

  beforeAll(async () => {
    t = await testRedis('http');
    const loaded = loadConfig({
      env: {
        ...(await sandboxPortsEnv()),
        REDIS_URL: TEST_REDIS_URL,
        LAPOR_BRIDGE__REDIS__KEYPREFIX: t.prefix,
        LAPOR_BRIDGE_HTTP_PORT: '0',
        LAPOR_BRIDGE_DASHBOARD_PASSWORD: PASSWORD,
      },
    });
    daemon = await startDaemon(loaded, log.logger);
    base = `http://127.0.0.1:${daemon.port}`;
  });

  afterAll(async () => {
    await daemon?.stop();
    await t?.cleanup();
  });

  it('answers liveness and readiness', async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    // Anonymous callers learn ready or not, nothing about sources or workers.
    expect(await ready.json()).toEqual({ ready: true });
    const detailed = await fetch(`${base}/readyz`, {
      headers: { authorization: `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}` },
    });
    expect(await detailed.json()).toMatchObject({ ready: true, checks: { redis: { ok: true } } });
  });

  it('serves Prometheus metrics with per-queue gauges', async () => {
    const res = await fetch(`${base}/metrics`);
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).toContain('lapor_bridge_process_cpu_user_seconds_total');
    for (const queue of ['poll', 'ingest', 'push']) {
      for (const state of ['waiting', 'active', 'failed'])
        expect(text).toContain(`lapor_bridge_queue_jobs{queue="${queue}",state="${state}"`);
    }
    for (const list of ['complaints', 'quarantine', 'triage', 'deadLetters'])
      expect(text).toContain(`lapor_bridge_ledger_entries{list="${list}"`);
    expect(text).toMatch(/^lapor_bridge_drafts_waiting\{service="lapor-bridge"\} 0$/m);
    expect(text).toMatch(/^lapor_bridge_draft_oldest_wait_seconds\{service="lapor-bridge"\} 0$/m);
  });

  it('guards the dashboard with the first admin account', async () => {
    const anonymous = await fetch(`${base}/admin/queues`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/login?next=%2Fadmin%2Fqueues');
    expect((await fetch(`${base}/admin/queues/api/queues`, { redirect: 'manual' })).status).toBe(303);
    const wrong = Buffer.from('admin:nope').toString('base64');
    expect(
      (await fetch(`${base}/admin/queues`, { headers: { authorization: `Basic ${wrong}` }, redirect: 'manual' }))
        .status,
    ).toBe(303);
    const auth = { authorization: `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}` };
    expect((await fetch(`${base}/admin/queues`, { headers: auth })).status).toBe(200);
    const api = (await (await fetch(`${base}/admin/queues/api/queues`, { headers: auth })).json()) as {
      queues: { name: string; readOnlyMode: boolean; description?: string }[];
    };
    expect(api.queues.map((q) => q.name).sort()).toEqual(['ingest', 'poll', 'push']);
    expect(api.queues.every((q) => q.readOnlyMode)).toBe(true);
    // Set up for operators: what each queue does, in Indonesian; links back to the bridge's pages.
    expect(api.queues.find((q) => q.name === 'push')?.description).toMatch(/^Kiriman ke sistem lain/);
    const page = await (await fetch(`${base}/admin/queues`, { headers: auth })).text();
    expect(page).toContain('/sync-logs');
  });

  it('never logs the configured dashboard password', () => {
    expect(log.text()).not.toContain(PASSWORD);
  });
});

describe('readiness transitions', () => {
  it('is ready with Redis, unready without it, and unready while stopping', async () => {
    const t = await testRedis('ready');
    const redis = createRedis(TEST_REDIS_URL, 'producer');
    await redis.connect();
    const queues = createQueues(redis, t.prefix);
    const { accounts, auth } = testAccounts(t.redis, t.prefix);
    await accounts.add({ username: 'operator', role: 'viewer', password: 'operator-password' }, 'test');
    const operator = { authorization: `Basic ${Buffer.from('operator:operator-password').toString('base64')}` };
    let stopping = false;
    let redisUp = true;
    const app = createApp({
      logger: captureLogger().logger,
      queues,
      metrics: createMetrics(queues),
      readiness: [{ name: 'redis', check: async () => ({ ok: redisUp && (await redis.ping()) === 'PONG' }) }],
      isStopping: () => stopping,
      about: {},
      dashboard: { enabled: false, readOnly: true },
      auth,
    });
    const server = await listen(app, '127.0.0.1', 0);
    const url = `http://127.0.0.1:${boundPort(server)}/readyz`;
    try {
      expect((await fetch(url)).status).toBe(200);
      redis.disconnect();
      redisUp = false;
      const down = await fetch(url, { headers: operator });
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ ready: false, checks: { redis: { ok: false } } });
      expect(await (await fetch(url)).json()).toEqual({ ready: false });
      stopping = true;
      expect(await (await fetch(url, { headers: operator })).json()).toEqual({
        ready: false,
        reason: 'daemon sedang berhenti',
        code: 'shutting_down',
      });
      expect(await (await fetch(url)).json()).toEqual({ ready: false });
    } finally {
      await closeServer(server);
      await closeQueues(queues);
      await t.cleanup();
    }
  });
});
