import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importer, pullEverything, workDir } from './support.js';

const HEADER = [
  'No',
  'Tanggal',
  'Nama Pelapor',
  'No HP',
  'Isi Aduan',
  'Kategori',
  'Diteruskan ke',
  'Tanggapan',
  'Tgl Tanggapan',
  'Status',
  'No Tiket LAPOR',
];

/** Excel stores a date as wall-clock time; exceljs writes a JS Date's UTC fields as that wall time. */
const wall = (iso: string) => new Date(`${iso}Z`);

describe('XLSX export import', () => {
  it('reads the named sheet below its title rows, with dates, numbers and rich text', async () => {
    const path = join(workDir(), 'rekap.xlsx');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Catatan').addRow(['bukan data']);
    const sheet = workbook.addWorksheet('Rekap 2023');
    sheet.addRow(['REKAP ADUAN MASYARAKAT KABUPATEN BLORA 2023']);
    sheet.addRow([]);
    sheet.addRow(HEADER);
    sheet.addRow([
      1,
      wall('2023-03-01T09:30:00'),
      'Slamet',
      '081390001234',
      'Pupuk subsidi langka di Kec. Japah',
      'Pertanian',
      'Dintanbunakikan',
      'Kuota ditambah bulan depan',
      wall('2023-03-03T14:00:00'),
      'Selesai',
      5010653,
    ]);
    sheet.addRow([
      2,
      44986.5,
      'Dewi',
      null,
      { richText: [{ text: 'Air PDAM ' }, { font: { bold: true }, text: 'keruh' }] },
      'Air Bersih',
      null,
      null,
      null,
      'Baru',
      null,
    ]);
    sheet.addRow([3, 'kemarin', 'Joko', null, 'Tanggal tidak terbaca', 'Lainnya', null, null, null, 'Baru', null]);
    await workbook.xlsx.writeFile(path);

    const { records } = await pullEverything(importer(path, { sheet: 'Rekap 2023', headerRow: 3 }));
    expect(records.map((r) => [r.externalId, r.ok])).toEqual([
      ['1', true],
      ['2', true],
      ['3', false],
    ]);
    expect(records[0]).toMatchObject({
      ok: true,
      draft: {
        reportedAt: '2023-03-01T02:30:00.000Z',
        updatedAt: '2023-03-03T07:00:00.000Z',
        crossRefs: [{ system: 'lapor', externalId: '5010653' }],
        responses: [{ text: 'Kuota ditambah bulan depan', at: '2023-03-03T07:00:00.000Z', by: 'Dintanbunakikan' }],
        status: 'closed',
      },
    });
    // 44986.5 is Excel's serial for 2023-03-01 12:00 (wall time, WIB).
    expect(records[1]).toMatchObject({
      ok: true,
      draft: { body: 'Air PDAM keruh', reportedAt: '2023-03-01T05:00:00.000Z', status: 'received' },
    });
    expect(records[2]).toMatchObject({
      ok: false,
      reason: 'row 3: reportedAt: not a recognisable date/time: "kemarin"',
    });
  });

  it.each([
    ['shared strings', true],
    ['inline strings', false],
  ])(
    'keeps multi-byte characters whole where they straddle two inflated chunks (%s)',
    async (_label, useSharedStrings) => {
      const path = join(workDir(), 'utf8.xlsx');
      const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings, useStyles: false });
      const sheet = writer.addWorksheet('Data');
      sheet.addRow(HEADER).commit();
      // Nearly every byte belongs to a multi-byte character, so chunk boundaries fall inside them.
      const text = (n: number) => `${n} ${'\u2019\u2013caf\u00e9\u4e2d'.repeat(12)}`;
      for (let n = 1; n <= 4000; n++) sheet.addRow([n, '01/03/2023', null, null, text(n)]).commit();
      sheet.commit();
      await writer.commit();
      const { records } = await pullEverything(importer(path, { pageSize: 1000 }));
      expect(records.filter((r) => !r.ok)).toEqual([]);
      expect(records.filter((r) => r.ok && r.draft.body !== text(Number(r.externalId)))).toEqual([]);
      expect(records).toHaveLength(4000);
    },
  );

  it('pulls a 50,000-row export completely, page by page and across a restart, with exact counts', async () => {
    const path = join(workDir(), 'besar.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: path,
      useSharedStrings: false,
      useStyles: false,
    });
    const sheet = writer.addWorksheet('Data');
    sheet.addRow(HEADER).commit();
    const total = 50_000;
    for (let n = 1; n <= total; n++) {
      // Every 1000th row has no text: it must come back rejected, not vanish or fail the page.
      const text = n % 1000 === 0 ? '' : `Aduan nomor ${n}: jalan rusak di desa ke-${n % 271}`;
      sheet
        .addRow([
          n,
          `${String((n % 28) + 1).padStart(2, '0')}/0${(n % 9) + 1}/2023 10:00`,
          `Pelapor ${n}`,
          null,
          text,
          'Infrastruktur',
          'DPUPR',
          null,
          null,
          n % 2 ? 'Selesai' : 'Proses',
          null,
        ])
        .commit();
    }
    sheet.commit();
    await writer.commit();

    // Five pages, then a "restart": a new connector resumes from the saved cursor.
    const first = importer(path, { pageSize: 2000 });
    const records = [];
    let cursor: string | null = null;
    for (let i = 0; i < 5; i++) {
      const page = await first.pull(cursor);
      records.push(...page.records);
      cursor = page.nextCursor;
    }
    await first.close();
    expect(cursor).toMatch(/^rows\.10000\./);
    const connector = importer(path, { pageSize: 2000 });
    const rest = await pullEverything(connector, cursor);
    records.push(...rest.records);
    const pages = 5 + rest.pages;
    const accepted = records.filter((r) => r.ok);
    const rejected = records.filter((r) => !r.ok);
    expect(records).toHaveLength(total);
    expect(pages).toBe(total / 2000);
    expect(rejected).toHaveLength(50);
    expect(rejected.every((r) => !r.ok && r.reason.endsWith('missing text'))).toBe(true);
    expect(accepted).toHaveLength(total - 50);
    expect(new Set(records.map((r) => r.externalId)).size).toBe(total);
    expect(records[total - 1]!.externalId).toBe(String(total));
    await connector.close();
  });
});
