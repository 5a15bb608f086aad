import type { Express } from 'express';
import type { Server } from 'node:http';
import { complaintId } from '../../src/domain/complaint.js';
import type { Clock } from '../../src/domain/clock.js';
import { createMetrics } from '../../src/http/metrics.js';
import { reportDeps } from '../../src/app/report-deps.js';
import { boundPort, closeServer, createApp, listen } from '../../src/http/server.js';
import { startLaporSandbox, type LaporSandbox } from '../../src/sandbox/lapor/index.js';
import { laporSourceConfig } from './lapor-source.js';
import { accountDeps } from '../../src/app/account-deps.js';
import { apiRouter } from '../../src/http/api.js';
import { captureLogger } from './logger.js';
import { startTestPipeline, type TestPipeline } from './pipeline.js';

export const DINKES = 'Dinas Kesehatan';
export const DPUPR = 'Dinas Pekerjaan Umum dan Penataan Ruang';
export const HOSTILE_OPD = '<script>window.__pwned = "opd"</script>Dinas <b>Uji</b>';
/** Entities survive text cleaning as the literal characters "<script>". */
export const HOSTILE_TITLE_RAW = 'Jalan &lt;script&gt;window.__pwned = "judul"&lt;/script&gt; rusak';
export const HOSTILE_TITLE = 'Jalan <script>window.__pwned = "judul"</script> rusak';
export const SECRET_TITLE = 'Dugaan pungli di kantor kecamatan';
/** Tuesday 31 March 2026, 09:00 WIB: when the world is polled and the rekap is measured. */
export const REKAP_NOW = new Date('2026-03-31T02:00:00Z');
export const DASHBOARD = { username: 'diskominfo', password: 'rekap-test-password' };

export interface RekapWorld {
  pipe: TestPipeline;
  sandbox: LaporSandbox;
  /** Complaint ids by the scenario's letters. */
  ids: Record<string, string>;
  close(): Promise<void>;
}

/**
 * A March 2026 in Blora played on the LAPOR sandbox, then pulled through the real
 * pipeline into a real Redis ledger. Times are WIB; 18-24 March hold Nyepi and Idulfitri.
 *
 *   A, B  DPUPR, answered after 2 and 5 working days        → DPUPR 2 answered, median 3.5
 *   C     Dinkes, reported 2 March, never answered            → late
 *   D     Dinkes, reported 17 March: 5 working days by 31 March (10 without the holidays) → not late
 *   I     Dinkes, archived                                    → closed without answer
 *   J     Dinkes, answered after 1 working day, then closed   → answered
 *   E     no OPD (disposed, not routed on)                    → unassigned, late
 *   F     returned as "bukan wewenang" (LAPOR drops the unit) → unassigned, late, bukan wewenang
 *   G     rahasia, no OPD, reported 17 March                  → unassigned, late; title never shown
 *   H     Dinkes, reported 27 February                        → outside March
 * With `hostile`, K has a title and an OPD name carrying markup (its own row, late).
 */
export async function startRekapWorld(options: { hostile?: boolean } = {}): Promise<RekapWorld> {
  let now = Date.parse('2026-02-27T02:00:00Z');
  const sandbox = await startLaporSandbox({ reports: 0, seed: 11, token: 'rekap-token', now: () => new Date(now) });
  const at = (iso: string) => {
    now = Date.parse(iso);
  };
  const letters: Record<string, string> = {};
  const add = (letter: string, extra: { judul?: string; rahasia?: boolean } = {}) => {
    letters[letter] = sandbox.addReport({
      judul: extra.judul ?? `Aduan ${letter}: jalan desa rusak`,
      anonim: false,
      rahasia: extra.rahasia ?? false,
    });
  };
  const proses = (letter: string, unit: string) => sandbox.act(letters[letter]!, { action: 'proses', unit });
  const followUp = async (letter: string) => {
    const res = await fetch(`${sandbox.url}/api/v1/laporan/${letters[letter]}/tindak-lanjut`, {
      method: 'POST',
      headers: { 'X-Lapor-Token': sandbox.token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ isi: `Tindak lanjut untuk aduan ${letter}: sudah ditangani.` }),
    });
    if (res.status !== 201) throw new Error(`follow-up of ${letter}: ${res.status} ${await res.text()}`);
  };

  add('H');
  proses('H', DINKES);
  at('2026-03-02T02:00:00Z');
  for (const l of ['A', 'B', 'C', 'E', 'F', 'I', 'J']) add(l);
  if (options.hostile) add('K', { judul: HOSTILE_TITLE_RAW });
  at('2026-03-02T03:00:00Z');
  for (const l of ['A', 'B', 'F']) proses(l, DPUPR);
  for (const l of ['C', 'I', 'J']) proses(l, DINKES);
  if (options.hostile) proses('K', HOSTILE_OPD);
  at('2026-03-03T02:00:00Z');
  await followUp('J');
  at('2026-03-04T02:00:00Z');
  await followUp('A');
  at('2026-03-05T02:00:00Z');
  sandbox.act(letters.F!, { action: 'bukan_wewenang' });
  sandbox.act(letters.I!, { action: 'arsip' });
  at('2026-03-06T02:00:00Z');
  sandbox.act(letters.J!, { action: 'selesai' });
  at('2026-03-09T02:00:00Z');
  await followUp('B');
  at('2026-03-17T02:00:00Z');
  add('D');
  add('G', { judul: SECRET_TITLE, rahasia: true });
  at('2026-03-17T03:00:00Z');
  proses('D', DINKES);
  at(REKAP_NOW.toISOString());

  const pipe = await startTestPipeline({
    file: laporSourceConfig(sandbox, { pageSize: 5 }),
    env: { LAPOR_TOKEN: sandbox.token },
  });
  await pipe.runtime.enqueuePoll('lapor', 'live', 'rekap');
  await pipe.drain(60_000);
  const ids = Object.fromEntries(
    Object.entries(letters).map(([l, trackingId]) => [l, complaintId('lapor', trackingId)]),
  );
  return {
    pipe,
    sandbox,
    ids,
    async close() {
      await pipe.stop();
      await sandbox.close();
    },
  };
}

export const fixedClock = (at: Date): Clock => ({ now: () => new Date(at), sleep: async () => undefined });

/** The daemon's HTTP app over the world's ledger, with the dashboard's credentials and a fixed "now". */
export async function serveRekapWorld(
  world: RekapWorld,
  at = REKAP_NOW,
): Promise<{ app: Express; server: Server; base: string; close(): Promise<void> }> {
  const { runtime } = world.pipe;
  await runtime.accounts.ensureFirstAdmin(DASHBOARD.username, DASHBOARD.password);
  const account = accountDeps({ ...runtime, clock: fixedClock(at) });
  const app = createApp({
    logger: captureLogger().logger,
    queues: runtime.queues,
    metrics: createMetrics(runtime.queues),
    readiness: [],
    isStopping: () => false,
    about: {},
    dashboard: { enabled: true, readOnly: true, timezone: runtime.config.instance.timezone },
    ...account,
    api: apiRouter(runtime.push, account.workspace.workspace),
    reports: { ...reportDeps(runtime), clock: fixedClock(at) },
  });
  const server = await listen(app, '127.0.0.1', 0);
  return { app, server, base: `http://127.0.0.1:${boundPort(server)}`, close: () => closeServer(server) };
}

export function basicAuthHeader(username = DASHBOARD.username, password = DASHBOARD.password): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
}
