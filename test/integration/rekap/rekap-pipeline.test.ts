import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DueLists } from '../../../src/rekap/due.js';
import { monthPeriod } from '../../../src/rekap/period.js';
import { computeRekap } from '../../../src/rekap/scan.js';
import { rekapSettings } from '../../../src/rekap/settings.js';
import type { Rekap, RekapCounts } from '../../../src/rekap/types.js';
import { runCli } from '../../support/cli.js';
import { TEST_REDIS_URL } from '../../support/redis.js';
import {
  basicAuthHeader,
  DINKES,
  DPUPR,
  REKAP_NOW,
  SECRET_TITLE,
  serveRekapWorld,
  startRekapWorld,
  type RekapWorld,
} from '../../support/rekap-world.js';

/** Counted by hand from the scenario in test/support/rekap-world.ts (limit with an OPD: 3 + 5 working days). */
const counts = (
  total: number,
  answered: number,
  onTime: number,
  pending: number,
  overdue: number,
  closedWithoutAnswer: number,
  notAuthority: number,
  median: number | null,
  p90: number | null,
): Partial<RekapCounts> => ({
  total,
  answered,
  answeredOnTime: onTime,
  answeredLate: answered - onTime,
  answeredUndated: 0,
  pending,
  overdue,
  closedWithoutAnswer,
  notAuthority,
  medianFirstAnswerWorkingDays: median,
  p90FirstAnswerWorkingDays: p90,
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

  it('the ledger writes keep the index by report time themselves, before any rekap builds it', async () => {
    const { redis } = world.pipe.runtime;
    const { keys } = world.pipe.runtime.store;
    // A new ledger is marked built before its first write (src/store/one-time-builds.ts): no
    // build ever ran, so the index holds what the writes put there.
    expect(await redis.get(keys.meta('reported-index'))).toBe('v1');
    expect(await redis.zcard(keys.reportedIndex())).toBe(10);
    expect(Number(await redis.zscore(keys.reportedIndex(), world.ids.H!))).toBeLessThan(
      Date.parse('2026-03-01T00:00:00+07:00'),
    );
  });

  it('counts per OPD, unassigned and in total for March, with the holidays of 2026', async () => {
    const settings = rekapSettings(world.pipe.runtime.config);
    const rekap = await computeRekap(world.pipe.runtime.store, settings, {
      period: monthPeriod('2026-03'),
      now: REKAP_NOW,
    });
    expect(rekap.rows.map((r) => r.name)).toEqual([DINKES, DPUPR]);
    expect(rekap.rows[0]).toMatchObject(counts(4, 1, 1, 2, 1, 1, 0, 1, 1));
    // A after 2 working days, B after 5: median 3.5, p90 = 2 + 0.9 × 3.
    expect(rekap.rows[1]).toMatchObject(counts(2, 2, 2, 0, 0, 0, 0, 3.5, 4.7));
    expect(rekap.unassigned).toMatchObject(counts(3, 0, 0, 3, 3, 0, 1, null, null));
    // First answers after 1, 2 and 5 working days: p90 at rank 1.8 = 2 + 0.8 × 3.
    expect(rekap.total).toMatchObject(counts(9, 3, 3, 5, 4, 1, 1, 2, 4.4));
    expect(rekap.overdue.map((l) => l.complaintId).sort()).toEqual(
      [world.ids.C, world.ids.E, world.ids.F, world.ids.G].sort(),
    );
    expect(rekap.overdue.find((l) => l.complaintId === world.ids.G)).toMatchObject({
      rahasia: true,
      title: null,
      opd: null,
    });
    expect(rekap.channels).toMatchObject([{ source: 'lapor', total: 9, answered: 3, overdue: 4 }]);
    expect(rekap.weeks.reduce((n, w) => n + w.received, 0)).toBe(9);
    expect(rekap.weeks.reduce((n, w) => n + w.answered, 0)).toBe(3);
    // February holds H only: the trend compares against it.
    expect(rekap.previous).toMatchObject({ period: { from: '2026-02-01', to: '2026-02-28' }, total: 1 });
    // Only the period's complaints are read (March's 9 and H in the period before), never the rest of the ledger.
    expect(rekap).toMatchObject({ unreadable: 0, scanned: 10 });
  });

  it('counts February apart, and one source apart', async () => {
    const settings = rekapSettings(world.pipe.runtime.config);
    const feb = await computeRekap(world.pipe.runtime.store, settings, {
      period: monthPeriod('2026-02'),
      now: REKAP_NOW,
    });
    expect(feb.rows.map((r) => [r.name, r.total, r.overdue])).toEqual([[DINKES, 1, 1]]);
    const other = await computeRekap(world.pipe.runtime.store, settings, {
      period: monthPeriod('2026-03'),
      source: 'wa-desk',
      now: REKAP_NOW,
    });
    expect(other.total.total).toBe(0);
  });

  it('with no holiday list, D (reported 17 March) is late too', async () => {
    const config = { ...world.pipe.runtime.config, calendar: { holidays: [] } };
    const rekap = await computeRekap(world.pipe.runtime.store, rekapSettings(config), {
      period: monthPeriod('2026-03'),
      now: REKAP_NOW,
    });
    expect(rekap.total.overdue).toBe(5);
  });

  it('indexes a ledger written before the index existed once, on the first rekap', async () => {
    const { store, redis } = world.pipe.runtime;
    await redis.del(store.keys.reportedIndex(), store.keys.meta('reported-index'));
    const rekap = await computeRekap(store, rekapSettings(world.pipe.runtime.config), {
      period: monthPeriod('2026-03'),
      now: REKAP_NOW,
    });
    expect(rekap.total).toMatchObject(counts(9, 3, 3, 5, 4, 1, 1, 2, 4.4));
    expect(await redis.zcard(store.keys.reportedIndex())).toBe(10);
    expect(await redis.get(store.keys.meta('reported-index'))).toBe('v1');
  });

  it('one OPD alone, by its row key', async () => {
    const settings = rekapSettings(world.pipe.runtime.config);
    const all = await computeRekap(world.pipe.runtime.store, settings, {
      period: monthPeriod('2026-03'),
      now: REKAP_NOW,
    });
    const key = all.rows.find((r) => r.name === DINKES)!.key;
    const one = await computeRekap(world.pipe.runtime.store, settings, {
      period: monthPeriod('2026-03'),
      opd: key,
      now: REKAP_NOW,
    });
    expect(one.rows.map((r) => r.name)).toEqual([DINKES]);
    expect(one.total).toMatchObject(counts(4, 1, 1, 2, 1, 1, 0, 1, 1));
    expect(one.overdue.map((l) => l.complaintId)).toEqual([world.ids.C]);
  });

  it('serves the same numbers as JSON and HTML behind the accounts login', async () => {
    expect((await fetch(`${http.base}/api/rekap?month=2026-03`)).status).toBe(401);
    const refused = await fetch(`${http.base}/rekap`, {
      headers: basicAuthHeader('diskominfo', 'wrong-password'),
      redirect: 'manual',
    });
    expect(refused.status).toBe(303);
    expect(refused.headers.get('location')).toBe('/login?next=%2Frekap');

    const res = await fetch(`${http.base}/api/rekap?month=2026-03`, { headers: basicAuthHeader() });
    expect(res.status).toBe(200);
    const json = (await res.json()) as Rekap;
    expect(json.total).toMatchObject(counts(9, 3, 3, 5, 4, 1, 1, 2, 4.4));
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

  it('exports XLSX with one sheet per view, the period and generation time, numbers as numbers', async () => {
    const res = await fetch(`${http.base}/rekap.xlsx?month=2026-03`, { headers: basicAuthHeader() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('rekap-2026-03-01_2026-03-31.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Per OPD', 'Per kanal', 'Per minggu', 'Topik', 'Lewat batas']);
    const sheet = book.getWorksheet('Per OPD')!;
    expect(sheet.getCell('A1').value).toBe('Rekap aduan per OPD — Maret 2026');
    expect(String(sheet.getCell('A2').value)).toContain('2026-03-01 s.d. 2026-03-31 (WIB)');
    expect(sheet.getCell('A3').value).toBe('Dibuat 2026-03-31 09:00 WIB');
    const header = sheet.getRow(5).values as unknown[];
    expect(header.slice(1, 5)).toEqual(['OPD', 'Diterima', 'Porsi', 'Dijawab tepat waktu']);
    const rows = new Map<string, unknown[]>();
    sheet.eachRow((row, n) => n > 5 && rows.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1)));
    expect(rows.get(DINKES)!.slice(0, 10)).toEqual([DINKES, 4, 4 / 9, 1, 0, 0, 2, 1, 0, 1]);
    expect(rows.get('Jumlah')!.slice(0, 12)).toEqual(['Jumlah', 9, 1, 3, 0, 0, 5, 4, 1, 1, 2, 4.4]);
    expect(sheet.getRow(6).getCell(3).numFmt).toBe('0%');
    expect(sheet.getRow(5).font?.bold).toBe(true);
    const overdue = book.getWorksheet('Lewat batas')!;
    let listed = 0;
    overdue.eachRow((row, n) => {
      if (n > 5) listed += 1;
      expect(String(row.getCell(3).value ?? '')).not.toContain(SECRET_TITLE);
    });
    expect(listed).toBe(4);

    const csv = await fetch(`${http.base}/rekap.csv?month=2026-03`, { headers: basicAuthHeader() });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toContain(`\r\n${DINKES},4,0.4444,1,0,0,2,1,0,1,1,1,`);
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
    const json = (await res.json()) as {
      sources: { name: string; state: { state: string; itemsLastRun: number } }[];
      runs: { source: string; slot: string; records: number; outcome: string }[];
    };
    expect(json.sources).toMatchObject([{ name: 'lapor', state: { state: 'idle', itemsLastRun: 10 } }]);
    expect(json.runs).toMatchObject([{ source: 'lapor', slot: 'rekap', records: 10, outcome: 'done' }]);
    const page = await fetch(`${http.base}/sync-logs`, { headers: basicAuthHeader() });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<code class="nowrap">rekap</code>');
  });

  it('lists what is late per OPD on the page, as JSON and from the CLI, by the SLA clock', async () => {
    const id = (letters: string) => letters.split('').map((l) => world.ids[l]!);
    const res = await fetch(`${http.base}/api/rekap/due`, { headers: basicAuthHeader() });
    expect(res.status).toBe(200);
    const due = (await res.json()) as DueLists;
    // At 31 March 09:00 WIB: C and H (Dinkes, never answered) and E, F, G (no OPD) are past their limit;
    // D (Dinkes, 17 March, 5 working days across the holidays) is not, nor due by 1 April.
    expect(due.nextWorkingDay).toBe('2026-04-01');
    expect(due.overdue.map((c) => c.complaintId).sort()).toEqual(id('CEFGH').sort());
    expect(due.dueTomorrow).toEqual([]);
    expect(due.byOpd.map((r) => [r.name, r.overdue])).toEqual(
      expect.arrayContaining([
        [DINKES, 2],
        [null, 3],
      ]),
    );
    const dinkes = due.byOpd.find((r) => r.name === DINKES)!.key!;
    const one = (await (
      await fetch(`${http.base}/api/rekap/due?opd=${encodeURIComponent(dinkes)}`, { headers: basicAuthHeader() })
    ).json()) as DueLists;
    expect(one.overdue.map((c) => c.complaintId).sort()).toEqual(id('CH').sort());
    const bad = await fetch(`${http.base}/api/rekap/due?opd=x&extra=1`, { headers: basicAuthHeader() });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'invalid_query' });

    const page = await fetch(`${http.base}/rekap/jatuh-tempo?opd=${encodeURIComponent(dinkes)}`, {
      headers: basicAuthHeader(),
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(DINKES);
    for (const c of one.overdue) expect(html).toContain(c.externalId);
    expect(html).not.toContain(due.overdue.find((c) => c.complaintId === world.ids.E)!.externalId);

    // The CLI measures now, long after March: D is late by now too.
    const env = { REDIS_URL: TEST_REDIS_URL, LAPOR_BRIDGE__REDIS__KEYPREFIX: world.pipe.redis.prefix };
    const cli = await runCli(['rekap', '--due', '--json'], env);
    expect(cli.code).toBe(0);
    expect((JSON.parse(cli.stdout) as DueLists).overdue.map((c) => c.complaintId).sort()).toEqual(id('CDEFGH').sort());
    const table = await runCli(['rekap', '--due', '--opd', dinkes], { ...env, LANG: 'C.UTF-8' });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Terlambat: lewat batas dan belum dijawab (3)');
  }, 120_000);

  it('prints the same rekap from the CLI', async () => {
    const env = { REDIS_URL: TEST_REDIS_URL, LAPOR_BRIDGE__REDIS__KEYPREFIX: world.pipe.redis.prefix };
    const json = await runCli(['rekap', '--month', '2026-03', '--json'], env);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const rekap = JSON.parse(json.stdout) as Rekap;
    // Measured now, long after March: every complaint still unanswered is late by now.
    expect(rekap.total).toMatchObject(counts(9, 3, 3, 5, 5, 1, 1, 2, 4.4));
    const text = await runCli(['rekap', '--month', '2026-03'], { ...env, LANG: 'C.UTF-8' });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Rekap aduan per OPD — Maret 2026');
    // The page's trend line against the 31 days before: 1 complaint then (H), 9 now.
    expect(text.stdout).toContain(
      'Dibanding Februari 2026: diterima 9 (sebelumnya 1, +800%), dijawab tepat waktu 33% (sebelumnya 0%).',
    );
    // Received, share, on time, late, no date, not answered, overdue, bukan wewenang, archived, median, p90.
    expect(text.stdout).toMatch(/Dinas Kesehatan\s+4\s+44%\s+1\s+0\s+0\s+2\s+2\s+0\s+1\s+1,0\s+1,0/);
    expect(text.stdout).toMatch(/Jumlah\s+9\s+100%\s+3\s+0\s+0\s+5\s+5\s+1\s+1\s+2,0\s+4,4/);
    expect(text.stdout).not.toContain(SECRET_TITLE);
    const csv = await runCli(['rekap', '--month', '2026-03', '--format', 'csv'], { ...env, LANG: 'C.UTF-8' });
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n')[0]).toBe(
      '\ufeffOPD,Diterima,Porsi,Dijawab tepat waktu,Dijawab terlambat,Dijawab tanpa tanggal,Belum dijawab,Lewat batas,Bukan wewenang,Diarsipkan/ditolak,Median hari kerja,P90 hari kerja,Topik terbanyak,' +
        'Draf diputuskan kepala,"Tunggu persetujuan, median (jam)","Tunggu persetujuan, P90 (jam)",Draf masih menunggu,Draf terlama menunggu (jam)',
    );
    expect(csv.stdout).toContain('\r\nJumlah,9,1,3,0,0,5,5,1,1,2,4.4,');
    // The same workbook as the page's download, written where -o says.
    const file = join(mkdtempSync(join(tmpdir(), 'lb-rekap-')), 'rekap.xlsx');
    const xlsx = await runCli(['rekap', '--month', '2026-03', '--format', 'xlsx', '-o', file], {
      ...env,
      LANG: 'C.UTF-8',
    });
    expect(xlsx.code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual([
      'Per OPD',
      'Per kanal',
      'Per minggu',
      'Topik',
      'Lewat batas',
    ]);
    const total = new Map<string, unknown[]>();
    book
      .getWorksheet('Per OPD')!
      .eachRow((row) => total.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1)));
    expect(total.get('Jumlah')!.slice(0, 12)).toEqual(['Jumlah', 9, 1, 3, 0, 0, 5, 5, 1, 1, 2, 4.4]);
  }, 120_000);
});
