import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { rekapText } from '../../../src/cli/rekap.js';
import { loadConfig } from '../../../src/config/load.js';
import { type Complaint } from '../../../src/domain/complaint.js';
import { rekapPage } from '../../../src/http/pages/rekap-page.js';
import { messages } from '../../../src/i18n/messages.js';
import { rekapCsv, rekapXlsx } from '../../../src/rekap/export-files.js';
import { computeRekap } from '../../../src/rekap/scan.js';
import { rekapHeading, rekapViews } from '../../../src/rekap/views.js';
import { rekapSettings } from '../../../src/rekap/settings.js';
import { ResponseStore, type OpdResponse } from '../../../src/store/responses.js';
import { createStore } from '../../../src/store/store.js';
import { putComplaint, testComplaint } from '../../support/complaints.js';
import { testRedis, type TestRedis } from '../../support/redis.js';

let redis: TestRedis | undefined;
afterEach(async () => {
  await redis?.cleanup();
  redis = undefined;
});

const NOW = new Date('2026-03-31T02:00:00Z');
const clock = { now: () => NOW, sleep: async () => {} };

function complaint(externalId: string, reportedAt: string, opd?: string): Complaint {
  return testComplaint('lapor', externalId, reportedAt, opd ? { opd: { code: opd, assignedBy: 'source' } } : {});
}

const put = putComplaint;

let n = 0;
function answer(c: Complaint, createdAt: string, over: Partial<OpdResponse>): OpdResponse {
  return {
    id: `a-${++n}`,
    caseId: c.caseId,
    complaintId: c.id,
    text: 'Sudah kami tindak lanjuti.',
    by: 'staf',
    at: createdAt,
    createdAt,
    state: 'draft',
    ...over,
  };
}

describe('approval waiting time in the rekap (real Redis)', () => {
  it("per OPD: median and p90 hours from draft to the head's decision, drafts still waiting, nothing for answers nobody approved", async () => {
    redis = await testRedis('apwait');
    const store = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
    const responses = new ResponseStore(redis.redis, store.keys);
    const settings = rekapSettings(loadConfig({ env: {} }).config);

    const a = complaint('1', '2026-03-02T01:00:00Z', 'dpupr');
    const b = complaint('2', '2026-03-03T01:00:00Z', 'dpupr');
    const c = complaint('3', '2026-03-04T01:00:00Z', 'dpupr');
    const d = complaint('4', '2026-03-20T01:00:00Z', 'dinkes');
    const february = complaint('5', '2026-02-10T01:00:00Z', 'dpupr');
    for (const x of [a, b, c, d, february]) await put(store, x);

    const written: OpdResponse[] = [
      // Decided by the head: 2 h, 10 h (rejected), 6 h.
      answer(a, '2026-03-02T02:00:00.000Z', {
        state: 'approved',
        approvedBy: 'kadis.pu',
        approvedAt: '2026-03-02T04:00:00.000Z',
        fromDraft: true,
      }),
      answer(b, '2026-03-03T00:00:00.000Z', {
        state: 'rejected',
        rejectedBy: 'kadis.pu',
        rejectedAt: '2026-03-03T10:00:00.000Z',
        rejectReason: 'kurang lengkap',
      }),
      answer(c, '2026-03-04T00:00:00.000Z', {
        state: 'approved',
        approvedBy: 'kadis.pu',
        approvedAt: '2026-03-04T06:00:00.000Z',
        fromDraft: true,
      }),
      // Nobody was asked: an OPD without approval, and an answer published on LAPOR itself.
      answer(c, '2026-03-05T00:00:00.000Z', {
        state: 'approved',
        approvedBy: 'no approval needed for this OPD',
        approvedAt: '2026-03-05T00:00:00.000Z',
      }),
      answer(a, '2026-03-06T00:00:00.000Z', {
        state: 'approved',
        origin: { source: 'lapor', externalId: '1' },
        approvedBy: 'published on lapor',
        approvedAt: '2026-03-06T00:00:00.000Z',
      }),
      // Still waiting for the head of Dinkes: a day at NOW.
      answer(d, '2026-03-30T02:00:00.000Z', {}),
      // February's case is not March's.
      answer(february, '2026-02-11T00:00:00.000Z', {
        state: 'approved',
        approvedBy: 'kadis.pu',
        approvedAt: '2026-02-20T00:00:00.000Z',
        fromDraft: true,
      }),
    ];
    for (const r of written) await responses.add(r);

    const march = await computeRekap(store, settings, { period: { from: '2026-03-01', to: '2026-03-31' }, now: NOW });
    expect(march.approvalWait).toEqual([
      { key: 'dinkes', decided: 0, medianHours: null, p90Hours: null, waiting: 1, oldestWaitingHours: 24 },
      // Waits 2, 6, 10: p90 at rank 1.8 is 6 + 0.8 × 4.
      { key: 'dpupr', decided: 3, medianHours: 6, p90Hours: 9.2, waiting: 0, oldestWaitingHours: null },
    ]);

    // The page shows it under its own heading, one row per OPD, in the reader's language.
    const page = rekapPage({
      instanceName: 'Uji',
      timeZone: 'Asia/Jakarta',
      language: 'id',
      sources: [],
      period: march.period,
      rekap: march,
    });
    expect(page).toContain('Waktu tunggu persetujuan kepala OPD');
    const row = /<tr data-opd="dpupr">(.*?)<\/tr>/.exec(page)?.[1] ?? '';
    expect([...row.matchAll(/<td class="n">([^<]*)<\/td>/g)].map((m) => m[1])).toEqual(['3', '6', '9,2', '0', '–']);

    // The exports carry it as the last five columns of the per-OPD view: XLSX, CSV and the CLI table.
    const text = messages('id').rekap;
    const views = rekapViews(march, text, 'Asia/Jakarta');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      (await rekapXlsx(rekapHeading(march, text, 'Asia/Jakarta', 'id'), views)) as unknown as ArrayBuffer,
    );
    const sheet = book.getWorksheet('Per OPD')!;
    const header = (sheet.getRow(5).values as unknown[]).slice(1);
    expect(header.slice(-5)).toEqual([
      'Draf diputuskan kepala',
      'Tunggu persetujuan, median (jam)',
      'Tunggu persetujuan, P90 (jam)',
      'Draf masih menunggu',
      'Draf terlama menunggu (jam)',
    ]);
    const cells = new Map<string, unknown[]>();
    sheet.eachRow((row, r) => {
      if (r > 5)
        cells.set(
          String(row.getCell(1).value),
          header.slice(-5).map((_, i) => row.getCell(header.length - 4 + i).value),
        );
    });
    const name = (key: string) => march.rows.find((r) => r.key === key)!.name;
    expect(cells.get(name('dpupr'))).toEqual([3, 6, 9.2, 0, null]);
    expect(cells.get(name('dinkes'))).toEqual([0, null, null, 1, 24]);
    expect(cells.get('Belum ada OPD')).toEqual([0, null, null, 0, null]);
    // The total adds the drafts and takes the longest wait; no median of medians.
    expect(cells.get('Jumlah')).toEqual([3, null, null, 1, 24]);
    const dpuprRow = sheet.getRow([...cells.keys()].indexOf(name('dpupr')) + 6);
    expect(dpuprRow.getCell(header.length - 3).numFmt).toBe('0.0');

    const csv = rekapCsv(views[0]!).split('\r\n');
    expect(csv[0]).toMatch(
      /,Draf diputuskan kepala,"Tunggu persetujuan, median \(jam\)","Tunggu persetujuan, P90 \(jam\)",Draf masih menunggu,Draf terlama menunggu \(jam\)$/,
    );
    expect(csv.find((l) => l.startsWith(`${name('dpupr')},`))).toMatch(/,3,6,9\.2,0,$/);
    expect(csv.find((l) => l.startsWith('Jumlah,'))).toMatch(/,3,,,1,24$/);

    const table = rekapText(march, messages('id'), 'Asia/Jakarta', 'id');
    expect(table).toMatch(new RegExp(`${name('dpupr')}\\s.*\\s3\\s+6\\s+9,2\\s+0\\s+-$`, 'm'));
    expect(table).toMatch(/^Jumlah\s.*\s3\s+-\s+-\s+1\s+24$/m);

    // One OPD's rekap shows its own row only.
    const dinkes = await computeRekap(store, settings, {
      period: { from: '2026-03-01', to: '2026-03-31' },
      opd: 'dinkes',
      now: NOW,
    });
    expect(dinkes.approvalWait.map((w) => w.key)).toEqual(['dinkes']);
  });
});
