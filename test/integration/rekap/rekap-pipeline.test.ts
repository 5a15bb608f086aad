import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthPeriod } from '../../../src/rekap/period.js';
import { computeRekap } from '../../../src/rekap/scan.js';
import { rekapSettings } from '../../../src/rekap/settings.js';
import type { Rekap, RekapCounts } from '../../../src/rekap/types.js';
import { runCli } from '../../support/cli.js';
import { TEST_REDIS_URL } from '../../support/redis.js';
import { basicAuthHeader, DINKES, DPUPR, REKAP_NOW, SECRET_TITLE, serveRekapWorld, startRekapWorld, type RekapWorld } from '../../support/rekap-world.js';

const counts = (total: number, answered: number, pending: number, late: number, closedWithoutAnswer: number, notAuthority: number, median: number | null): RekapCounts => ({
  total,
  answered,
  pending,
  late,
  closedWithoutAnswer,
  notAuthority,
  medianFirstAnswerWorkingDays: median,
});

describe('rekap of a ledger filled through the pipeline from the LAPOR sandbox (real Redis)', () => {
  let world: RekapWorld;
  let http: Awaited<ReturnType<typeof serveRekapWorld>>;

  beforeAll(async () => {
    world = await startRekapWorld();
    http = await serveRekapWorld(world);
  }, 120_000);

  afterAll(async () => {
    await http?.close();
    await world?.close();
  });

  it('the pipeline stored every scenario complaint with its OPD, status and answers', async () => {
    const { ledger } = world.pipe.runtime.store;
    expect(await ledger.count()).toBe(10);
    const f = await ledger.get(world.ids.F!);
    expect(f).toMatchObject({ status: 'not_authority' });
    expect(f!.opd).toBeUndefined();
    expect((await ledger.get(world.ids.A!))!.opd?.name).toBe(DPUPR);
    expect((await ledger.get(world.ids.I!))!.status).toBe('archived');
  });

  it('counts per OPD, unassigned and in total for March, with the holidays of 2026', async () => {
    const settings = rekapSettings(world.pipe.runtime.config);
    const rekap = await computeRekap(world.pipe.runtime.store, settings, { period: monthPeriod('2026-03'), now: REKAP_NOW });
    expect(rekap.rows.map(({ name, key: _key, ...c }) => [name, c])).toEqual([
      [DINKES, counts(4, 1, 2, 1, 1, 0, 1)],
      [DPUPR, counts(2, 2, 0, 0, 0, 0, 3.5)],
    ]);
    expect(rekap.unassigned).toEqual(counts(3, 0, 3, 3, 0, 1, null));
    expect(rekap.total).toEqual(counts(9, 3, 5, 4, 1, 1, 2));
    expect(rekap.late.map((l) => l.complaintId).sort()).toEqual([world.ids.C, world.ids.E, world.ids.F, world.ids.G].sort());
    expect(rekap.late.find((l) => l.complaintId === world.ids.G)).toMatchObject({ rahasia: true, title: null, opd: null });
    expect(rekap).toMatchObject({ truncated: false, unreadable: 0, scanned: 10 });
  });

  it('counts February apart, and one source apart', async () => {
    const settings = rekapSettings(world.pipe.runtime.config);
    const feb = await computeRekap(world.pipe.runtime.store, settings, { period: monthPeriod('2026-02'), now: REKAP_NOW });
    expect(feb.rows.map((r) => [r.name, r.total, r.late])).toEqual([[DINKES, 1, 1]]);
    const other = await computeRekap(world.pipe.runtime.store, settings, { period: monthPeriod('2026-03'), source: 'wa-desk', now: REKAP_NOW });
    expect(other.total.total).toBe(0);
  });

  it('with no holiday list, D (reported 17 March) is late too', async () => {
    const config = { ...world.pipe.runtime.config, calendar: { holidays: [] } };
    const rekap = await computeRekap(world.pipe.runtime.store, rekapSettings(config), { period: monthPeriod('2026-03'), now: REKAP_NOW });
    expect(rekap.total.late).toBe(5);
  });

  it('stops at rekap.maxComplaints and says so', async () => {
    const settings = { ...rekapSettings(world.pipe.runtime.config), maxComplaints: 4 };
    const rekap = await computeRekap(world.pipe.runtime.store, settings, { period: monthPeriod('2026-03'), now: REKAP_NOW });
    expect(rekap).toMatchObject({ truncated: true, scanned: 4 });
    expect(rekap.total.total).toBeLessThanOrEqual(4);
  });

  it('serves the same numbers as JSON and HTML behind the accounts login', async () => {
    expect((await fetch(`${http.base}/api/rekap?month=2026-03`)).status).toBe(401);
    const refused = await fetch(`${http.base}/rekap`, { headers: basicAuthHeader('diskominfo', 'wrong-password'), redirect: 'manual' });
    expect(refused.status).toBe(303);
    expect(refused.headers.get('location')).toBe('/login?next=%2Frekap');

    const res = await fetch(`${http.base}/api/rekap?month=2026-03`, { headers: basicAuthHeader() });
    expect(res.status).toBe(200);
    const json = (await res.json()) as Rekap;
    expect(json.total).toEqual(counts(9, 3, 5, 4, 1, 1, 2));
    expect(json.period).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(json.at).toBe(REKAP_NOW.toISOString());

    // No month given: "this month" in WIB at the fixed clock is March.
    const current = (await (await fetch(`${http.base}/api/rekap`, { headers: basicAuthHeader() })).json()) as Rekap;
    expect(current.period).toEqual(json.period);

    const page = await fetch(`${http.base}/rekap?month=2026-03`, { headers: basicAuthHeader() });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('cache-control')).toBe('no-store');
    const body = await page.text();
    expect(body).toContain('Rekap aduan per OPD — Maret 2026');
    expect(body).toContain(DINKES);
    expect(body).not.toContain(SECRET_TITLE);
    expect(body).toContain('Aduan rahasia: isi tidak ditampilkan');
  });

  it('answers a bad period with 400 and says why', async () => {
    const json = await fetch(`${http.base}/api/rekap?month=2026-13`, { headers: basicAuthHeader() });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: string }).error).toContain('YYYY-MM');
    const page = await fetch(`${http.base}/rekap?from=2026-03-10&to=2026-03-01`, { headers: basicAuthHeader() });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('harus sebelum');
  });

  it('lists the sync run of the poll and the source state', async () => {
    expect((await fetch(`${http.base}/api/sync-logs`)).status).toBe(401);
    const res = await fetch(`${http.base}/api/sync-logs?source=lapor`, { headers: basicAuthHeader() });
    const json = (await res.json()) as { sources: { name: string; state: { state: string; itemsLastRun: number } }[]; runs: { source: string; slot: string; records: number; outcome: string }[] };
    expect(json.sources).toMatchObject([{ name: 'lapor', state: { state: 'idle', itemsLastRun: 10 } }]);
    expect(json.runs).toMatchObject([{ source: 'lapor', slot: 'rekap', records: 10, outcome: 'done' }]);
    const page = await fetch(`${http.base}/sync-logs`, { headers: basicAuthHeader() });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<code>rekap</code>');
  });

  it('prints the same rekap from the CLI', async () => {
    const env = { REDIS_URL: TEST_REDIS_URL, LAPOR_BRIDGE__REDIS__KEYPREFIX: world.pipe.redis.prefix };
    const json = await runCli(['rekap', '--month', '2026-03', '--json'], env);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const rekap = JSON.parse(json.stdout) as Rekap;
    // Measured now, long after March: every complaint still unanswered is late by now.
    expect(rekap.total).toEqual(counts(9, 3, 5, 5, 1, 1, 2));
    const text = await runCli(['rekap', '--month', '2026-03'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Rekap aduan per OPD — Maret 2026');
    expect(text.stdout).toMatch(/Dinas Kesehatan\s+4\s+1\s+2\s+2\s+1,0\s+0\s+1/);
    expect(text.stdout).toMatch(/Jumlah\s+9\s+3\s+5\s+5\s+2,0\s+1\s+1/);
    expect(text.stdout).not.toContain(SECRET_TITLE);
  });
});
