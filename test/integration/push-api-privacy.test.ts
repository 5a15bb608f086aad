import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { complaintId } from '../../src/domain/complaint.js';
import { startDaemon, type Daemon } from '../../src/main.js';
import { waitFor } from '../support/cli.js';
import { testAccounts } from '../support/accounts.js';
import { captureLogger } from '../support/logger.js';
import { startPushWorld, type PushWorld } from '../support/push-world.js';
import { TEST_REDIS_URL, testRedis, type TestRedis } from '../support/redis.js';

const PASSWORD = 'api-test-password';
const auth = { authorization: `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}` };

let world: PushWorld | undefined;
let daemon: Daemon | undefined;
let redis: TestRedis | undefined;
afterEach(async () => {
  await daemon?.stop();
  await world?.close();
  await redis?.cleanup();
  world = daemon = redis = undefined;
});

async function start(w: PushWorld) {
  redis = await testRedis('api');
  const loaded = loadConfig({
    file: w.configFile,
    env: {
      ...w.env,
      REDIS_URL: TEST_REDIS_URL,
      LAPOR_BRIDGE__REDIS__KEYPREFIX: redis.prefix,
      LAPOR_BRIDGE_HTTP_PORT: '0',
      LAPOR_BRIDGE_DASHBOARD_PASSWORD: PASSWORD,
    },
  });
  daemon = await startDaemon(loaded, captureLogger('warn').logger);
  return `http://127.0.0.1:${daemon.port}`;
}

async function json(url: string, init: RequestInit = {}) {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...auth, ...init.headers } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('answers through the JSON API, and privacy on every public endpoint (daemon, sandboxes, Redis)', () => {
  it('drafts, approves and delivers an answer; rahasia complaints never show publicly', async () => {
    world = await startPushWorld({
      push: { forward: [{ from: 'superapp', to: 'lapor', unclassifiedAs: 'pengaduan' }] },
    });
    const w = world;
    const secretText = 'Rahasia: dugaan pungli oleh oknum petugas di kantor kecamatan';
    const added = (await (
      await fetch(`${w.regional.url}/_sandbox/superapp/records`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          description: secretText,
          is_secret: true,
          user: { name: 'Sri Wahyuni', phone: '081298765432', email: 'sri@example.id' },
        }),
      })
    ).json()) as { id: number }[];
    const trackingId = w.lapor.addReport({ disposed: true });
    w.lapor.act(trackingId, { action: 'proses', unit: 'Dinas Perhubungan', note: 'Diproses unit kerja.' });
    const base = await start(w);

    // The rahasia complaint is forwarded to LAPOR (which keeps it confidential) and gets its tracking id back.
    const secretId = complaintId('superapp', String(added[0]!.id));
    await waitFor(
      async () =>
        (await json(`${base}/api/complaints/${secretId}`)).body.sends !== undefined &&
        JSON.stringify((await json(`${base}/api/complaints/${secretId}`)).body.sends).includes('"sent"'),
      20_000,
      'rahasia complaint forwarded',
    );
    for (const url of [`${w.lapor.url}/public/laporan`, `${w.regional.url}/public/complaints`]) {
      const text = await (await fetch(url)).text();
      expect(text, url).not.toContain('pungli');
      expect(text, url).not.toContain('Sri Wahyuni');
      expect(text, url).not.toContain('081298765432');
    }

    await waitFor(
      async () => (await json(`${base}/api/complaints/${complaintId('lapor', trackingId)}`)).status === 200,
      20_000,
      'LAPOR report ingested',
    );
    const laporComplaint = complaintId('lapor', trackingId);
    expect(
      (await fetch(`${base}/api/complaints/${laporComplaint}/responses`, { method: 'POST', body: '{}' })).status,
    ).toBe(401);
    const invalid = await json(`${base}/api/complaints/${laporComplaint}/responses`, {
      method: 'POST',
      body: JSON.stringify({ text: '' }),
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.problems).toEqual([expect.stringContaining('text')]);
    // The signer is the caller's account, never a name typed into the request.
    expect(
      (
        await json(`${base}/api/complaints/${laporComplaint}/responses`, {
          method: 'POST',
          body: JSON.stringify({ text: 'Sudah.', by: 'Rina' }),
        })
      ).status,
    ).toBe(400);

    const draft = await json(`${base}/api/complaints/${laporComplaint}/responses`, {
      method: 'POST',
      body: JSON.stringify({ text: 'Laporan sudah diteruskan ke Dinas Perhubungan.', opd: 'Dinas Perhubungan' }),
    });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ state: 'draft', by: 'admin' });
    // Diskominfo never signs an answer: only the head of the complaint's OPD does.
    expect(
      (await json(`${base}/api/responses/${String(draft.body.id)}/approve`, { method: 'POST', body: '{}' })).status,
    ).toBe(403);
    const { accounts } = testAccounts(redis!.redis, redis!.prefix);
    await accounts.add(
      {
        username: 'kadis-kominfo',
        role: 'opd_head',
        opd: 'Dinas Komunikasi dan Informatika',
        password: 'kepala-dinas-password',
      },
      'test',
    );
    const otherHead = {
      authorization: `Basic ${Buffer.from('kadis-kominfo:kepala-dinas-password').toString('base64')}`,
    };
    expect(
      (
        await json(`${base}/api/responses/${String(draft.body.id)}/approve`, {
          method: 'POST',
          body: '{}',
          headers: otherHead,
        })
      ).status,
    ).toBe(403);
    expect((await json(`${base}/api/complaints/${laporComplaint}`, { headers: otherHead })).status).toBe(403);
    await accounts.add(
      { username: 'kadis', role: 'opd_head', opd: 'dinas  perhubungan', password: 'kepala-dinas-password' },
      'test',
    );
    const head = { authorization: `Basic ${Buffer.from('kadis:kepala-dinas-password').toString('base64')}` };
    // The text as the source sent it (unmasked numbers) only to an admin who asks, and audited.
    const plain = await json(`${base}/api/complaints/${laporComplaint}`);
    expect((plain.body.complaint as Record<string, unknown>).rawBody).toBeUndefined();
    expect((await json(`${base}/api/complaints/${laporComplaint}?raw=1`, { headers: head })).status).toBe(403);
    const raw = await json(`${base}/api/complaints/${laporComplaint}?raw=1`);
    expect(typeof (raw.body.complaint as Record<string, unknown>).rawBody).toBe('string');
    const audit = await redis!.redis.xrange(`${redis!.prefix}:audit`, '-', '+');
    expect(audit.some(([, fields]) => fields.includes('raw_text_viewed'))).toBe(true);
    const approved = await json(`${base}/api/responses/${String(draft.body.id)}/approve`, {
      method: 'POST',
      body: '{}',
      headers: head,
    });
    expect(approved.body).toMatchObject({ state: 'approved', approvedBy: 'kadis' });
    const notes = () => (w.lapor.report(trackingId)!.timeline as { note: string }[]).map((e) => e.note);
    await waitFor(() => notes().some((n) => n.includes('diteruskan ke Dinas Perhubungan')), 20_000, 'answer on LAPOR');
    // The simulator holds the note a moment before the bridge records it as sent.
    await waitFor(
      async () =>
        JSON.stringify((await json(`${base}/api/complaints/${laporComplaint}`)).body.answers).includes(
          '"state":"sent"',
        ),
      10_000,
      'answer recorded as sent',
    );
  });
});
