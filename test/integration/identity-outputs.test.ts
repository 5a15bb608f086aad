import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { complaintId } from '../../src/domain/complaint.js';
import { startDaemon, type Daemon } from '../../src/main.js';
import { waitFor } from '../support/cli.js';
import { captureLogger } from '../support/logger.js';
import { startPushWorld, type PushWorld } from '../support/push-world.js';
import { TEST_REDIS_URL, testRedis, type TestRedis } from '../support/redis.js';

/**
 * Reporter identity seeded into every channel (names, phones, e-mail, NIK), carried by the
 * daemon through poll, ingest and a forward to LAPOR; then every output of the run is
 * searched for it: the log lines, /metrics, every key BullMQ keeps (job data, results,
 * failures), the sync-run and audit streams, the sync logs and the JSON API.
 */

const PASSWORD = 'identity-test-password';
const admin = { authorization: `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}` };
const WA = { name: 'Bambang Suryokusumo', phone: '6281377766655' };
const SUPERAPP = {
  name: 'Sri Wahyuningsih Prameswari',
  phone: '081298765432',
  email: 'sri.prameswari@example.id',
  nik: '3316094507880002',
};

let world: PushWorld;
let daemon: Daemon;
let redis: TestRedis;
let base: string;
const logs = captureLogger('debug');
const ids: string[] = [];
let needles: string[] = [];

/** A phone number as any system may write it: 0812…, 62812…, +62812…, and its last nine digits. */
const phoneForms = (phone: string) => {
  const local = phone.replace(/^\+?62/, '0');
  return [local, `62${local.slice(1)}`, `+62${local.slice(1)}`, local.slice(-9)];
};

beforeAll(async () => {
  world = await startPushWorld({ push: { forward: [{ from: 'wadesk', to: 'lapor', unclassifiedAs: 'pengaduan' }] } });
  const add = async (system: string, record: Record<string, unknown>) =>
    (
      (await (
        await fetch(`${world.regional.url}/_sandbox/${system}/records`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(record),
        })
      ).json()) as { _id?: string; id?: number }[]
    )[0]!;
  const wa = await add('wa', {
    message: 'Jalan di Desa Jepon berlubang, mohon diperbaiki.',
    from: WA.phone,
    user: { name: WA.name },
  });
  const superapp = await add('superapp', {
    description: `Lampu PJU mati di Jl. Pemuda. NIK saya ${SUPERAPP.nik}, hubungi ${SUPERAPP.phone}.`,
    user: { name: SUPERAPP.name, phone: SUPERAPP.phone, email: SUPERAPP.email },
  });
  const tracking = world.lapor.addReport({ isi: 'Sampah menumpuk di pasar Blora.', disposed: true });
  const laporReporter = world.lapor.report(tracking)!.reporter as {
    name: string;
    phone: string;
    nik?: string;
    email?: string;
  };
  ids.push(
    complaintId('wadesk', wa._id!),
    complaintId('superapp', String(superapp.id)),
    complaintId('lapor', tracking),
  );
  needles = [
    WA.name,
    ...phoneForms(WA.phone),
    SUPERAPP.name,
    ...phoneForms(SUPERAPP.phone),
    SUPERAPP.email,
    SUPERAPP.nik,
    laporReporter.name,
    ...phoneForms(laporReporter.phone),
    ...(laporReporter.nik ? [laporReporter.nik] : []),
    ...(laporReporter.email ? [laporReporter.email] : []),
  ];

  redis = await testRedis('identity');
  daemon = await startDaemon(
    loadConfig({
      file: world.configFile,
      env: {
        ...world.env,
        REDIS_URL: TEST_REDIS_URL,
        LAPOR_BRIDGE__REDIS__KEYPREFIX: redis.prefix,
        LAPOR_BRIDGE_HTTP_PORT: '0',
        LAPOR_BRIDGE_DASHBOARD_PASSWORD: PASSWORD,
      },
    }),
    logs.logger,
  );
  base = `http://127.0.0.1:${daemon.port}`;
  await waitFor(
    async () => {
      for (const id of ids)
        if ((await fetch(`${base}/api/complaints/${id}`, { headers: admin })).status !== 200) return false;
      return true;
    },
    30_000,
    'the three complaints in the ledger',
  );
  // The WhatsApp complaint forwarded to LAPOR: a push job carried it.
  await waitFor(
    async () =>
      JSON.stringify(await (await fetch(`${base}/api/complaints/${ids[0]}`, { headers: admin })).json()).includes(
        '"sent"',
      ),
    30_000,
    'the forward to LAPOR',
  );
}, 90_000);

afterAll(async () => {
  await daemon?.stop();
  await world?.close();
  await redis?.cleanup();
});

/** Everything a Redis key holds, as text. */
async function dump(key: string): Promise<string> {
  const r = redis.redis;
  switch (await r.type(key)) {
    case 'string':
      return (await r.getBuffer(key))?.toString('latin1') ?? '';
    case 'hash':
      return (await r.hgetallBuffer(key)) ? JSON.stringify(await r.hgetall(key)) : '';
    case 'list':
      return JSON.stringify(await r.lrange(key, 0, -1));
    case 'set':
      return JSON.stringify(await r.smembers(key));
    case 'zset':
      return JSON.stringify(await r.zrange(key, 0, -1));
    case 'stream':
      return JSON.stringify(await r.xrange(key, '-', '+'));
    default:
      return '';
  }
}

async function keysOf(pattern: string): Promise<string[]> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    cursor = next;
    out.push(...keys);
  } while (cursor !== '0');
  return out;
}

describe('reporter identity never leaves the ledger', { timeout: 60_000 }, () => {
  it('is in none of the outputs of a run: logs, metrics, job data, streams, sync logs, API answers', async () => {
    const bullKeys = await keysOf(`{${redis.prefix}}:*`);
    expect(bullKeys.some((k) => k.includes(':push:'))).toBe(true);
    const outputs: Record<string, string> = {
      logs: logs.text(),
      metrics: await (await fetch(`${base}/metrics`)).text(),
      jobs: (await Promise.all(bullKeys.map(dump))).join('\n'),
      syncRuns: await dump(`${redis.prefix}:sync-runs`),
      audit: await dump(`${redis.prefix}:audit`),
      syncLogsApi: await (await fetch(`${base}/api/sync-logs`, { headers: admin })).text(),
      syncLogsPage: await (await fetch(`${base}/sync-logs`, { headers: admin })).text(),
      readyz: await (await fetch(`${base}/readyz`, { headers: admin })).text(),
      responses: await (await fetch(`${base}/api/responses`, { headers: admin })).text(),
      triage: await (await fetch(`${base}/api/triage`, { headers: admin })).text(),
      rekap: await (await fetch(`${base}/api/rekap`, { headers: admin })).text(),
      complaints: (
        await Promise.all(
          ids.map(async (id) => (await fetch(`${base}/api/complaints/${id}`, { headers: admin })).text()),
        )
      ).join('\n'),
    };
    // The outputs are there to be searched: the run left its traces in each.
    expect(logs.text().length).toBeGreaterThan(1000);
    expect(outputs.jobs).toContain('externalIds');
    expect(outputs.complaints).toContain('Jalan di Desa Jepon berlubang');
    // The identity is real and held where it belongs: the ledger's reporter hash.
    const held = Object.values(await redis.redis.hgetallBuffer(`${redis.prefix}:reporter:superapp`));
    expect(Buffer.concat(held).includes(SUPERAPP.name)).toBe(true);
    for (const [name, text] of Object.entries(outputs))
      for (const needle of needles) expect(text.includes(needle), `${name} holds "${needle}"`).toBe(false);
  });
});
