import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type ConfigError } from '../../src/config/load.js';
import { complaintId } from '../../src/domain/complaint.js';
import { startDaemon, type Daemon } from '../../src/main.js';
import { readStream } from '../../src/store/audit.js';
import { createStore, type Store } from '../../src/store/store.js';
import { systemClock } from '../../src/domain/clock.js';
import { waitFor } from '../support/cli.js';
import { captureLogger } from '../support/logger.js';
import { TEST_REDIS_URL, testRedis, type TestRedis } from '../support/redis.js';

const SECRET = 'wa-gateway-shared-secret-for-tests';
/** Reporter identity in the payloads: it must never reach a log line. */
const REPORTER = { name: 'Sutrisno Wiryo', phone: '6281399887766' };

/** The WhatsApp desk preset as a push-only channel: never polled, fed by its gateway's webhook. */
function configFile(): string {
  const preset = parse(readFileSync('config/presets/wa-desk.yaml', 'utf8')) as {
    sources: { wadesk: Record<string, unknown> };
  };
  const wadesk = {
    ...preset.sources.wadesk,
    baseUrl: 'http://127.0.0.1:9/wa',
    poll: false,
    webhook: { secretEnv: 'WA_DESK_WEBHOOK_SECRET', maxBodyBytes: 4096 },
  };
  const file = join(mkdtempSync(join(tmpdir(), 'lb-hooks-')), 'config.yaml');
  writeFileSync(file, stringify({ sandbox: { enabled: false }, pipeline: { backoffMs: 200 }, sources: { wadesk } }));
  return file;
}

function report(id: string, message: string | undefined) {
  return {
    _id: id,
    from: REPORTER.phone,
    user: { name: REPORTER.name },
    message,
    location: { description: 'Desa Jepon, Kec. Jepon', desa: 'Jepon', kecamatan: 'Jepon', kabupaten: 'Blora' },
    photos: [],
    createdAt: '2026-03-01T02:00:00.000Z',
    updatedAt: '2026-03-01T02:00:00.000Z',
  };
}

function signed(body: string, at = Math.floor(Date.now() / 1000), secret = SECRET): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'X-Timestamp': String(at),
    'X-Signature-256': `sha256=${createHmac('sha256', secret).update(`${at}.${body}`).digest('hex')}`,
  };
}

let daemon: Daemon;
let redis: TestRedis;
let store: Store;
let url: string;
const logs = captureLogger('info');
const env = () => ({
  REDIS_URL: TEST_REDIS_URL,
  LAPOR_BRIDGE__REDIS__KEYPREFIX: redis.prefix,
  LAPOR_BRIDGE_HTTP_PORT: '0',
  WA_DESK_TOKEN: 'unused',
  WA_DESK_WEBHOOK_SECRET: SECRET,
});
const post = (body: string, headers: Record<string, string>, channel = 'wadesk') =>
  fetch(`${url}/hooks/${channel}`, { method: 'POST', headers, body });

beforeAll(async () => {
  redis = await testRedis('hooks');
  daemon = await startDaemon(loadConfig({ file: configFile(), env: env() }), logs.logger);
  store = createStore(redis.redis, redis.prefix, systemClock, { failingAfter: 3 });
  url = `http://127.0.0.1:${daemon.port}`;
});

afterAll(async () => {
  await daemon?.stop();
  await redis?.cleanup();
});

describe('webhook inbox (POST /hooks/<channel>)', () => {
  it('stores a signed record through the pipeline before answering 202, and the complaint reaches the ledger', async () => {
    const body = JSON.stringify(report('65f0a1b2c3d4e5f601234567', 'Jalan di Desa Jepon berlubang, mohon diperbaiki.'));
    const res = await post(body, signed(body));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 1, quarantined: 0, unchanged: 0 });
    // 202 came after the raw record was stored: it is there at once, before any ingest.
    expect(await store.raw.get('wadesk', '65f0a1b2c3d4e5f601234567')).toBeDefined();
    await waitFor(
      async () => (await store.ledger.idOf('wadesk', '65f0a1b2c3d4e5f601234567')) !== undefined,
      10_000,
      'the pushed complaint in the ledger',
    );
    const complaint = await store.ledger.get(complaintId('wadesk', '65f0a1b2c3d4e5f601234567'));
    expect(complaint).toMatchObject({ source: 'wadesk', body: 'Jalan di Desa Jepon berlubang, mohon diperbaiki.' });
  });

  it('takes a batch; an invalid record goes to quarantine with its reason, the valid one goes on', async () => {
    const body = JSON.stringify([
      report('65f0a1b2c3d4e5f601234568', 'Lampu PJU mati di Jl. Pemuda.'),
      report('65f0a1b2c3d4e5f601234569', undefined),
    ]);
    const res = await post(body, signed(body));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 1, quarantined: 1, unchanged: 0 });
    const quarantined = (await store.quarantine.entries.list(100)).map(([, e]) => e);
    expect(quarantined).toContainEqual(
      expect.objectContaining({ source: 'wadesk', externalId: '65f0a1b2c3d4e5f601234569', reason: 'missing text' }),
    );
  });

  it('keeps a signed body that is not JSON in quarantine and says so (400)', async () => {
    const body = 'pesan=jalan rusak';
    const res = await post(body, signed(body));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ accepted: 0, quarantined: 1 });
    const quarantined = (await store.quarantine.entries.list(100)).map(([, e]) => e);
    expect(quarantined).toContainEqual(
      expect.objectContaining({
        source: 'wadesk',
        raw: body,
        reason: expect.stringMatching(/^webhook body is not JSON/) as string,
      }),
    );
  });

  it.each([
    ['a wrong secret', (body: string) => signed(body, undefined, 'guessed-secret'), 'bad signature'],
    ['no signature', () => ({ 'Content-Type': 'application/json' }), 'no signature'],
    [
      'a replayed request from an hour ago',
      (body: string) => signed(body, Math.floor(Date.now() / 1000) - 3600),
      'timestamp outside the window',
    ],
  ])('refuses %s with 401, logging the reason and never the payload', async (_label, headersOf, reason) => {
    const body = JSON.stringify(report('65f0a1b2c3d4e5f60123456a', 'Tidak boleh masuk.'));
    const res = await post(body, headersOf(body));
    expect(res.status).toBe(401);
    // Indonesian, the daemon's default language; the code is the same in every language.
    expect(await res.json()).toEqual({ error: 'tanda tangan tidak diterima', code: 'signature_refused' });
    expect(logs.lines()).toContainEqual(
      expect.objectContaining({ msg: 'webhook signature refused', channel: 'wadesk', reason }),
    );
    expect(await store.raw.get('wadesk', '65f0a1b2c3d4e5f60123456a')).toBeUndefined();
  });

  it('refuses a body over the configured limit with 413 before reading it', async () => {
    const body = JSON.stringify(report('65f0a1b2c3d4e5f60123456b', 'x'.repeat(5000)));
    const res = await post(body, signed(body));
    expect(res.status).toBe(413);
    expect(logs.lines()).toContainEqual(
      expect.objectContaining({ msg: 'webhook body too large; refused', channel: 'wadesk', limit: 4096 }),
    );
  });

  it('knows only configured channels', async () => {
    const body = JSON.stringify(report('65f0a1b2c3d4e5f60123456c', 'Salah alamat.'));
    expect((await post(body, signed(body), 'superapp')).status).toBe(404);
  });

  it('never writes reporter identity or text into the logs, and never polls a push-only channel', async () => {
    const text = logs.text();
    for (const secret of [REPORTER.name, REPORTER.phone, 'Jalan di Desa Jepon', SECRET])
      expect(text).not.toContain(secret);
    expect(await readStream(redis.redis, store.keys.syncRuns(), 100)).toEqual([]);
  });
});

describe('webhook configuration', () => {
  it('reports a missing webhook secret by its variable, like any connector secret', () => {
    const { WA_DESK_WEBHOOK_SECRET: _omitted, ...rest } = {
      REDIS_URL: TEST_REDIS_URL,
      WA_DESK_TOKEN: 't',
      WA_DESK_WEBHOOK_SECRET: SECRET,
    };
    let problems: string[] = [];
    try {
      loadConfig({ file: configFile(), env: rest });
    } catch (err) {
      problems = (err as ConfigError).problems.map((p) => `${p.path}: ${p.message}`);
    }
    expect(problems).toEqual(['sources.wadesk: butuh rahasia WA_DESK_WEBHOOK_SECRET, yang belum diisi']);
  });
});
