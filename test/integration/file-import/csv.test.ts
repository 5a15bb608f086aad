import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectEncoding, fileImportConfigSchema, formatOf } from '../../../src/connectors/file-import/index.js';
import { importer, pullEverything, workDir } from './support.js';

const HEADER =
  'No;Tanggal;Nama Pelapor;No HP;Isi Aduan;Kategori;Diteruskan ke;Tanggapan;Tgl Tanggapan;Status;No Tiket LAPOR';
const ROWS = [
  '101;03/01/2023 08:15;Sri Rahayu;081234567890;"Jalan rusak di Desa Jepon; mohon diperbaiki";Infrastruktur;DPUPR;Sudah dijadwalkan perbaikan;05/01/2023 10:00;Selesai;1916449',
  '102;04/01/2023;Budi;;"Lampu PJU mati,\nsudah seminggu";Perhubungan;Dishub;-;;Proses;',
  '103;31/02/2023;Agus;;Tanggal salah;Lainnya;;;;Baru;',
  '104;05/01/2023;Wati;;;Lainnya;;;;Baru;',
  ';06/01/2023;Anonim;;Tanpa nomor;Lainnya;;;;Baru;',
  '',
  '105;07/01/2023 09:00;Eko;;Status tidak dikenal;Lainnya;;;;Menunggu;',
];

function csvFile(text: string, encoding = 'utf-8'): string {
  const path = join(workDir(), 'aduan.csv');
  writeFileSync(path, iconv.encode(text, encoding));
  return path;
}

describe('CSV export import', () => {
  const path = csvFile([HEADER, ...ROWS].join('\r\n'));

  it('maps rows through the column mapping and rejects bad rows with reasons', async () => {
    const { records } = await pullEverything(importer(path));
    expect(records.map((r) => [r.externalId, r.ok])).toEqual([
      ['101', true],
      ['102', true],
      ['103', false],
      ['104', false],
      [expect.stringMatching(/^\(blank\)#[0-9a-f]{12}$/) as unknown as string, true],
      ['105', true],
    ]);
    expect(records[0]).toMatchObject({
      ok: true,
      draft: {
        body: 'Jalan rusak di Desa Jepon; mohon diperbaiki',
        reportedAt: '2023-01-03T01:15:00.000Z',
        updatedAt: '2023-01-05T03:00:00.000Z',
        reporter: { name: 'Sri Rahayu', phone: '081234567890' },
        category: { name: 'Infrastruktur' },
        opd: { name: 'DPUPR' },
        crossRefs: [{ system: 'lapor', externalId: '1916449' }],
        sourceStatus: 'Selesai',
        status: 'closed',
        responses: [
          { text: 'Sudah dijadwalkan perbaikan', at: '2023-01-05T03:00:00.000Z', by: 'DPUPR', kind: 'tindak_lanjut' },
        ],
      },
    });
    expect(records[1]).toMatchObject({
      ok: true,
      draft: { body: 'Lampu PJU mati,\nsudah seminggu', responses: [], status: 'in_progress' },
    });
    expect(records.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual([
      'row 3: reportedAt: not a recognisable date/time: "31/02/2023"',
      'row 4: missing text',
    ]);
    // No number is a placeholder: the row is its own complaint, keyed by its content.
    expect(records[4]).toMatchObject({ ok: true, draft: { body: 'Tanpa nomor' } });
    expect(records[2]!.raw).toMatchObject({ _row: 3, No: '103', 'Isi Aduan': 'Tanggal salah' });
    expect(records[5]).toMatchObject({ ok: true, draft: { sourceStatus: 'Menunggu' } });
    expect(records[5]!.ok && records[5]!.draft.status).toBeUndefined();
  });

  it('pages by row offset; a new connector resumes from the saved cursor', async () => {
    const first = await importer(path, { pageSize: 2 }).pull(null);
    expect([first.records.length, first.done]).toEqual([2, false]);
    expect(first.nextCursor).toMatch(/^rows\.2\./);
    const rest = await pullEverything(importer(path, { pageSize: 2 }), first.nextCursor);
    expect(rest.records.map((r) => r.externalId)).toEqual([
      '103',
      '104',
      expect.stringMatching(/^\(blank\)#/) as unknown as string,
      '105',
    ]);
    const after = await importer(path).pull(rest.cursor);
    expect(after).toEqual({ records: [], nextCursor: rest.cursor, done: true });
  });

  it('refuses a cursor of another file version or another connector', async () => {
    const copy = csvFile([HEADER, ...ROWS.slice(0, 2)].join('\n'));
    const { nextCursor } = await importer(path, { pageSize: 2 }).pull(null);
    await expect(importer(copy).pull(nextCursor)).rejects.toMatchObject({ code: 'CURSOR_INVALID' });
    await expect(importer(copy).pull('rest1.e30')).rejects.toMatchObject({ code: 'CURSOR_INVALID' });
  });

  it('reads Windows-1252 exports, detected or configured', async () => {
    const text = `No,Tanggal,Isi Aduan\n1,01/02/2023,Caf\u00e9 di alun\u2013alun berisik \u2019sampai pagi\u2019\n`;
    const cp1252 = csvFile(text, 'windows-1252');
    const columns = { number: 'No', reportedAt: 'Tanggal', text: 'Isi Aduan' };
    for (const encoding of ['auto', 'windows-1252']) {
      const { records } = await pullEverything(importer(cp1252, { columns, encoding }));
      expect(records[0]).toMatchObject({
        ok: true,
        draft: { body: 'Caf\u00e9 di alun\u2013alun berisik \u2019sampai pagi\u2019' },
      });
    }
    // Read with the wrong encoding the text breaks, and the row says so instead of importing garbage.
    const { records } = await pullEverything(importer(cp1252, { columns, encoding: 'utf-8' }));
    expect(records[0]).toMatchObject({ ok: false, reason: expect.stringContaining('broken encoding') as string });
  });

  it.each([
    ['UTF-8 with a byte-order mark', Buffer.from([0xef, 0xbb, 0xbf, 0x41]), true, 'utf-8'],
    ['valid UTF-8', Buffer.from('Jalan rusak \u2013 desa', 'utf8'), true, 'utf-8'],
    [
      'UTF-8 cut in the middle of a character at the sample end',
      Buffer.from('abc \u2013', 'utf8').subarray(0, 5),
      false,
      'utf-8',
    ],
    ['Latin bytes', iconv.encode('Caf\u00e9 r\u00fcsak \u00e0 la', 'windows-1252'), true, 'windows-1252'],
    ['UTF-16LE with a byte-order mark', Buffer.from([0xff, 0xfe, 0x41, 0x00]), true, 'utf-16le'],
  ])('detects %s', (_label, sample, complete, expected) => {
    expect(detectEncoding(sample, complete)).toBe(expected);
  });

  it('names the configured columns the file lacks, and health says so without throwing', async () => {
    const other = csvFile('Nomor,Waktu,Pesan\n1,01/01/2023,halo\n');
    const connector = importer(other);
    await expect(connector.pull(null)).rejects.toMatchObject({
      code: 'INVALID_PAYLOAD',
      message: expect.stringContaining('columns not found: text ("Isi Aduan")') as string,
    });
    const [check] = await connector.health();
    expect(check).toMatchObject({ check: 'file', ok: false });
    expect((await importer(path).health())[0]).toMatchObject({ ok: true });
  });

  it('reports a missing file as NOT_FOUND', async () => {
    await expect(importer(join(workDir(), 'nothing.csv')).pull(null)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('file-import configuration', () => {
  const base = { kind: 'file-import', path: 'x.csv', columns: { number: 'No', text: 'Isi', reportedAt: 'Tanggal' } };
  it.each<[string, Record<string, unknown>, string]>([
    ['an encoding iconv-lite does not know', { encoding: 'klingon-8' }, 'encoding'],
    ['an unknown column key', { columns: { ...base.columns, pengirim: 'Pengirim' } }, 'columns'],
    ['no number column', { columns: { text: 'Isi', reportedAt: 'Tanggal' } }, 'columns.number'],
    ['an unknown canonical status', { statusMap: { Selesai: 'done' } }, 'statusMap.Selesai'],
    ['a delimiter it cannot sniff', { delimiter: ':' }, 'delimiter'],
  ])('refuses %s', (_label, patch, path) => {
    const result = fileImportConfigSchema.safeParse({ ...base, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('picks the format from the extension unless told', () => {
    expect(formatOf({ format: 'auto', path: 'rekap.XLSX' })).toBe('xlsx');
    expect(formatOf({ format: 'auto', path: 'rekap.txt' })).toBe('csv');
    expect(formatOf({ format: 'xlsx', path: 'rekap.bin' })).toBe('xlsx');
  });
});
