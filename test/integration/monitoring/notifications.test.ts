import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { alertFailingSources, sendDailySummary } from '../../../src/app/notifications.js';
import { loadConfig } from '../../../src/config/load.js';
import { type Complaint } from '../../../src/domain/complaint.js';
import { createNotifier } from '../../../src/monitoring/notify.js';
import { createStore } from '../../../src/store/store.js';
import { captureLogger } from '../../support/logger.js';
import { putComplaint, testComplaint } from '../../support/complaints.js';
import { testRedis, type TestRedis } from '../../support/redis.js';

let redis: TestRedis | undefined;
let smtp: SMTPServer | undefined;
afterEach(async () => {
  await redis?.cleanup();
  redis = undefined;
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  smtp = undefined;
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

function world(port: number, now: { at: Date }) {
  const loaded = loadConfig({ env: {} });
  const config = {
    ...loaded.config,
    monitoring: {
      ...loaded.config.monitoring,
      notify: {
        ...loaded.config.monitoring.notify,
        email: {
          enabled: true,
          host: '127.0.0.1',
          port,
          secure: false,
          from: 'bridge@blora.go.id',
          to: ['kominfo@blora.go.id'],
        },
      },
      sourceFailing: { enabled: true, afterMinutes: 60 },
    },
  };
  const clock = { now: () => new Date(now.at), sleep: async () => {} };
  const store = createStore(redis!.redis, redis!.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
  const logs = captureLogger('info');
  const notify = createNotifier(config.monitoring.notify, () => undefined, logs.logger);
  const runtime = { config, store, clock, opd: loaded.opd, connectors: new Map([['lapor', {}]]) } as never;
  return { store, notify, runtime };
}

describe('notifications by e-mail (real SMTP server, real Redis)', () => {
  it("sends yesterday's summary in Indonesian with the right counts, once per day", async () => {
    redis = await testRedis('notify');
    const { port, mails } = await startSmtp();
    // Tuesday 31 March 2026, 07:00 WIB: "yesterday" is Monday 30 March.
    const now = { at: new Date('2026-03-31T00:00:00Z') };
    const { store, notify, runtime } = world(port, now);
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
    const { store, notify, runtime } = world(port, now);
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
