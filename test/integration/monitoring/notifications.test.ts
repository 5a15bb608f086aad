import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { alertFailingSources, sendDailySummary } from '../../../src/app/notifications.js';
import { loadConfig } from '../../../src/config/load.js';
import { type Complaint } from '../../../src/domain/complaint.js';
import { createNotifier, type Notice } from '../../../src/monitoring/notify.js';
import { createStore } from '../../../src/store/store.js';
import { captureLogger } from '../../support/logger.js';
import { putComplaint, testComplaint } from '../../support/complaints.js';
import { testRedis, type TestRedis } from '../../support/redis.js';

let redis: TestRedis | undefined;
let smtp: SMTPServer | undefined;
let gateway: Server | undefined;
afterEach(async () => {
  await redis?.cleanup();
  redis = undefined;
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  smtp = undefined;
  await new Promise<void>((resolve) => (gateway ? gateway.close(() => resolve()) : resolve()));
  gateway = undefined;
});

/** A real SMTP server on an ephemeral port that keeps every message it receives. */
async function startSmtp(): Promise<{ port: number; mails: { to: string[]; raw: string }[] }> {
  const mails: { to: string[]; raw: string }[] = [];
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp!.listen(0, '127.0.0.1', resolve));
  return { port: (smtp.server.address() as AddressInfo).port, mails };
}

interface GatewayPost {
  path: string | undefined;
  authorization: string | undefined;
  contentType: string | undefined;
  notice: Notice;
  /** What the gateway answered. */
  status: number;
}

/**
 * A real HTTP server on an ephemeral port standing in for a Telegram or WhatsApp gateway: it
 * keeps every POST and answers with `answer(n)` for the n-th (200 unless told otherwise).
 */
async function startGateway(answer: (n: number) => number = () => 200): Promise<{ url: string; posts: GatewayPost[] }> {
  const posts: GatewayPost[] = [];
  gateway = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = answer(posts.length + 1);
      posts.push({
        path: req.url,
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        notice: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Notice,
        status,
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => gateway!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/kirim`, posts };
}

/** Quoted-printable soft breaks and =XX escapes undone, so the text can be read. */
function bodyOf(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function record(externalId: string, reportedAt: string, over: Partial<Complaint> = {}): Complaint {
  return testComplaint('lapor', externalId, reportedAt, {
    title: `Aduan ${externalId}`,
    status: 'in_progress',
    ...over,
  });
}

const put = putComplaint;

type Channel = { email: number } | { webhook: string };

/** The shipped configuration with one notification channel on, a clock the test moves, and the given sources. */
function world(channel: Channel, now: { at: Date }, options: { afterMinutes?: number; sources?: string[] } = {}) {
  const loaded = loadConfig({ env: {} });
  const channels = loaded.config.monitoring.notify;
  const config = {
    ...loaded.config,
    monitoring: {
      ...loaded.config.monitoring,
      notify:
        'email' in channel
          ? {
              ...channels,
              email: {
                enabled: true,
                host: '127.0.0.1',
                port: channel.email,
                secure: false,
                from: 'bridge@blora.go.id',
                to: ['kominfo@blora.go.id'],
              },
            }
          : { ...channels, webhook: { enabled: true, url: channel.webhook, secretEnv: 'GATEWAY_SECRET' } },
      sourceFailing: { enabled: true, afterMinutes: options.afterMinutes ?? 60 },
    },
  };
  const clock = { now: () => new Date(now.at), sleep: async () => {} };
  const store = createStore(redis!.redis, redis!.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
  const logs = captureLogger('info');
  const secrets: Record<string, string> = { GATEWAY_SECRET: 'rahasia-gateway' };
  const notify = createNotifier(config.monitoring.notify, (name) => secrets[name], logs.logger);
  const connectors = new Map((options.sources ?? ['lapor']).map((name) => [name, {}]));
  const runtime = { config, store, clock, opd: loaded.opd, connectors } as never;
  return { store, notify, runtime, logs };
}

describe('notifications by e-mail (real SMTP server, real Redis)', () => {
  it("sends yesterday's summary in Indonesian with the right counts, once per day", async () => {
    redis = await testRedis('notify');
    const { port, mails } = await startSmtp();
    // Tuesday 31 March 2026, 07:00 WIB: "yesterday" is Monday 30 March.
    const now = { at: new Date('2026-03-31T00:00:00Z') };
    const { store, notify, runtime } = world({ email: port }, now);
    const dpupr = { code: 'dpupr', name: 'Dinas PUPR', assignedBy: 'source' as const };
    await put(store, record('y1', '2026-03-30T02:00:00Z', { opd: dpupr }));
    await put(
      store,
      record('y2', '2026-03-30T05:00:00Z', {
        status: 'responded',
        responses: [{ id: 'r', source: 'lapor', at: '2026-03-30T08:00:00Z', text: 'Sudah.', kind: 'tindak_lanjut' }],
      }),
    );
    // Late: reported 2 March, limit 8 working days.
    await put(store, record('old', '2026-03-02T02:00:00Z', { opd: dpupr }));
    // Reported on the 31st (WIB): not yesterday's.
    await put(store, record('today', '2026-03-30T18:00:00Z'));

    expect(await sendDailySummary(runtime, notify, 'id')).toBe(true);
    expect(await sendDailySummary(runtime, notify, 'id')).toBe(false);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['kominfo@blora.go.id']);
    const body = bodyOf(mails[0]!.raw);
    expect(body).toContain('Ringkasan aduan 2026-03-30 (WIB).');
    expect(body).toContain('Aduan masuk kemarin: 2 (sudah dijawab: 1).');
    expect(body).toContain('Terlambat saat ini: 1 aduan');
    expect(body).toMatch(/- Dinas Pekerjaan Umum[^\n]*: 1 terlambat, 0 jatuh tempo besok/);
  });

  it('alerts once per incident when a source has failed for the configured time, and once when it recovers', async () => {
    redis = await testRedis('notify');
    const { port, mails } = await startSmtp();
    const now = { at: new Date('2026-03-31T02:00:00Z') };
    const { store, notify, runtime } = world({ email: port }, now);
    for (let i = 0; i < 3; i++) await store.sources.failed('lapor', 'LAPOR answered 401', 'AUTH');
    const minutes = (n: number) => (now.at = new Date(Date.parse('2026-03-31T02:00:00Z') + n * 60_000));

    minutes(30);
    expect(await alertFailingSources(runtime, notify, 'id')).toEqual([]);
    minutes(61);
    expect((await alertFailingSources(runtime, notify, 'id')).map((n) => n.kind)).toEqual(['source_failing']);
    for (const m of [62, 90, 300]) {
      minutes(m);
      await store.sources.failed('lapor', 'LAPOR answered 401', 'AUTH');
      expect(await alertFailingSources(runtime, notify, 'id')).toEqual([]);
    }
    expect(mails).toHaveLength(1);
    const alert = bodyOf(mails[0]!.raw);
    expect(alert).toContain('Sumber lapor gagal disinkronkan sejak 2026-03-31 09:00 WIB');
    expect(alert).toContain('Sumber menolak kredensial bridge');

    await store.sources.succeeded('lapor', 5);
    expect((await alertFailingSources(runtime, notify, 'id')).map((n) => n.kind)).toEqual(['source_recovered']);
    expect(await alertFailingSources(runtime, notify, 'id')).toEqual([]);
    expect(mails).toHaveLength(2);

    // A new outage is a new incident.
    minutes(400);
    for (let i = 0; i < 3; i++) await store.sources.failed('lapor', 'timeout', 'TRANSIENT');
    minutes(470);
    expect((await alertFailingSources(runtime, notify, 'id')).map((n) => n.kind)).toEqual(['source_failing']);
    expect(mails).toHaveLength(3);
  });
});

describe('notifications to a webhook gateway (real HTTP server, real Redis)', () => {
  it("posts yesterday's summary as JSON with the counts of a seeded ledger, counted by hand", async () => {
    redis = await testRedis('notify');
    const { url, posts } = await startGateway();
    // Tuesday 31 March 2026, 07:00 WIB: "yesterday" is Monday 30 March (WIB).
    const now = { at: new Date('2026-03-31T00:00:00Z') };
    const { store, notify, runtime } = world({ webhook: url }, now, { sources: ['lapor', 'wadesk'] });
    const dpupr = { code: 'dpupr', assignedBy: 'source' as const };
    const dinkes = { code: 'dinkes', assignedBy: 'source' as const };
    const answeredAt = (at: string) => ({
      status: 'responded' as const,
      responses: [{ id: `r-${at}`, source: 'lapor', at, text: 'Sudah ditangani.', kind: 'tindak_lanjut' as const }],
    });
    // Received yesterday: four cases (y1 was told twice), two of them answered (y2, y3).
    const y1 = record('y1', '2026-03-30T02:00:00Z', { opd: dpupr });
    await put(store, y1);
    await put(store, testComplaint('wadesk', 'w1', '2026-03-30T03:00:00Z', { caseId: y1.id, status: 'in_progress' }));
    await put(store, record('y2', '2026-03-30T05:00:00Z', answeredAt('2026-03-30T08:00:00Z')));
    await put(store, record('y3', '2026-03-30T09:00:00Z', { opd: dinkes, ...answeredAt('2026-03-30T10:00:00Z') }));
    await put(store, record('y4', '2026-03-30T16:30:00Z', { opd: dinkes })); // 23:30 WIB on the 30th
    // Not yesterday's in WIB: 00:30 on the 31st, and 23:00 on Sunday the 29th.
    await put(store, record('today', '2026-03-30T17:30:00Z'));
    await put(store, record('sunday', '2026-03-29T16:00:00Z', answeredAt('2026-03-30T01:00:00Z')));
    // Overdue now: DPUPR's from 2 March (limit 3 + 5 working days), and one without an OPD from 5 March (limit 3).
    await put(store, record('old-dpupr', '2026-03-02T02:00:00Z', { opd: dpupr }));
    await put(store, record('old-none', '2026-03-05T02:00:00Z'));
    // Due by the end of Wednesday 1 April, the next working day: without an OPD from Friday
    // 27 March 09:00 WIB (0.625 + 30th + 31st + 0.375 = 3 working days: Wednesday 09:00), and
    // Dinkes' from Friday 13 March 09:00 WIB (0.625 + 16th + 17th, the 18th–24th Nyepi, Idulfitri
    // and cuti bersama, 25th–27th, 30th, 31st + 0.375 = 8 working days: Wednesday 09:00).
    await put(store, record('due-none', '2026-03-27T02:00:00Z'));
    await put(store, record('due-dinkes', '2026-03-13T02:00:00Z', { opd: dinkes }));
    await store.sources.succeeded('lapor', 12);
    for (let i = 0; i < 3; i++) await store.sources.failed('wadesk', 'timeout', 'TRANSIENT');

    expect(await sendDailySummary(runtime, notify, 'id')).toBe(true);
    expect(await sendDailySummary(runtime, notify, 'id')).toBe(false);
    expect(posts).toHaveLength(1);
    const post = posts[0]!;
    expect(post).toMatchObject({
      path: '/kirim',
      authorization: 'Bearer rahasia-gateway',
      contentType: 'application/json',
      status: 200,
    });
    expect(post.notice.kind).toBe('daily_summary');
    expect(post.notice.subject).toContain('2026-03-30');
    expect(post.notice.data).toEqual({
      day: '2026-03-30',
      received: 4,
      answered: 2,
      overdue: 2,
      dueTomorrow: 2,
      // Most overdue first, then most due tomorrow.
      byOpd: [
        { key: null, name: null, overdue: 1, dueTomorrow: 1 },
        { key: 'dpupr', name: expect.stringContaining('Pekerjaan Umum'), overdue: 1, dueTomorrow: 0 },
        { key: 'dinkes', name: expect.stringContaining('Kesehatan'), overdue: 0, dueTomorrow: 1 },
      ],
      sources: [
        { name: 'lapor', state: 'idle', lastSuccessAt: '2026-03-31T00:00:00.000Z' },
        { name: 'wadesk', state: 'failing', lastSuccessAt: null },
      ],
    });
    // The text a chat gateway can forward as it is: the same numbers, in Indonesian, in WIB.
    const text = post.notice.text;
    expect(text).toContain('Ringkasan aduan 2026-03-30 (WIB).');
    expect(text).toContain('Aduan masuk kemarin: 4 (sudah dijawab: 2).');
    expect(text).toContain('Terlambat saat ini: 2 aduan; jatuh tempo sampai hari kerja berikutnya: 2.');
    expect(text).toContain('- Belum ada OPD: 1 terlambat, 1 jatuh tempo besok');
    expect(text).toMatch(/- Dinas Kesehatan[^\n]*: 0 terlambat, 1 jatuh tempo besok/);
    expect(text).toContain('- lapor: baik, terakhir berhasil 2026-03-31 07:00 WIB');
    expect(text).toContain('- wadesk: BERMASALAH');
  });

  it('posts the alert once the source has failed for the configured time, again after the gateway was down, and the recovery', async () => {
    redis = await testRedis('notify');
    // The gateway is down for the first alert.
    const { url, posts } = await startGateway((n) => (n === 1 ? 503 : 200));
    const start = Date.parse('2026-03-31T02:00:00Z');
    const now = { at: new Date(start) };
    const { store, notify, runtime, logs } = world({ webhook: url }, now, { afterMinutes: 20 });
    for (let i = 0; i < 3; i++) await store.sources.failed('lapor', 'LAPOR answered 401', 'AUTH');
    const minutes = (n: number) => (now.at = new Date(start + n * 60_000));

    minutes(19);
    expect(await alertFailingSources(runtime, notify, 'en')).toEqual([]);
    expect(posts).toHaveLength(0);

    minutes(20);
    await expect(alertFailingSources(runtime, notify, 'en')).rejects.toThrow('reached no channel');
    expect(posts.map((p) => p.status)).toEqual([503]);
    expect(logs.lines().some((l) => l.msg === 'notice not sent' && l.channel === 'webhook')).toBe(true);

    // The next check, a minute later, tells the same incident again: it reached nobody.
    minutes(21);
    expect((await alertFailingSources(runtime, notify, 'en')).map((n) => n.kind)).toEqual(['source_failing']);
    expect(posts.map((p) => p.status)).toEqual([503, 200]);
    const alert = posts[1]!;
    expect(alert.authorization).toBe('Bearer rahasia-gateway');
    expect(alert.notice).toMatchObject({
      kind: 'source_failing',
      subject: 'lapor-bridge: source lapor is failing',
      data: { source: 'lapor', failingSince: '2026-03-31T02:00:00.000Z', failures: 3, code: 'AUTH' },
    });
    expect(alert.notice.text).toContain(
      'Source lapor has failed to sync since 2026-03-31 09:00 WIB (3 times in a row).',
    );

    // Once per incident.
    for (const m of [22, 60, 300]) {
      minutes(m);
      await store.sources.failed('lapor', 'LAPOR answered 401', 'AUTH');
      expect(await alertFailingSources(runtime, notify, 'en')).toEqual([]);
    }
    expect(posts).toHaveLength(2);

    minutes(301);
    await store.sources.succeeded('lapor', 4);
    expect((await alertFailingSources(runtime, notify, 'en')).map((n) => n.kind)).toEqual(['source_recovered']);
    expect(posts[2]!.notice).toMatchObject({
      kind: 'source_recovered',
      text: 'Source lapor synced again at 2026-03-31 14:01 WIB.',
      data: { source: 'lapor', at: '2026-03-31T07:01:00.000Z' },
    });
    expect(await alertFailingSources(runtime, notify, 'en')).toEqual([]);
    expect(posts).toHaveLength(3);
  });
});
