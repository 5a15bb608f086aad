import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { combineHeader } from '../../../src/connectors/file-import/rows.js';
import { luxonFormat, timeOfCells, timeOfDay } from '../../../src/connectors/file-import/dates.js';
import { importer, pullEverything, workDir } from './support.js';

/** As pemda exports come: a title, a header over two rows with merged cells, a row numbering the columns, then data. */
const EXPORT = [
  'REKAP PENGADUAN MASYARAKAT TAHUN 2023;;;;;;',
  'No;Pelapor;;Isi Aduan;Tanggapan;;Status',
  ';Nama;Tanggal;;Isi;Tanggal;',
  '(1);(2);(3);(4);(5);(6);(7)',
  '0;Sri;03/01/2023 02:15 PM;Jalan rusak di Desa Jepon;Sudah diperbaiki;05/01/2023 09:00 AM;Selesai',
  '0;Budi;04/01/2023 08:00 AM;Lampu PJU mati di Kunden;;;',
  '0;Sri;03/01/2023 02:15 PM;Jalan rusak di Desa Jepon;Sudah diperbaiki;05/01/2023 09:00 AM;Selesai',
].join('\r\n');

const COLUMNS = {
  number: 'No',
  sender: 'Pelapor Nama',
  reportedAt: 'Pelapor Tanggal',
  text: 'Isi Aduan',
  reply: 'Tanggapan Isi',
  repliedAt: 'Tanggapan Tanggal',
  status: 'Status',
};

describe('export layouts', () => {
  it('names columns of a header over two rows with merged cells', () => {
    expect(
      combineHeader([
        ['No', 'Pelapor', '', 'Isi Aduan', 'Tanggapan', '', 'Status'],
        ['', 'Nama', 'Tanggal', '', 'Isi', 'Tanggal', ''],
      ]),
    ).toEqual(['No', 'Pelapor Nama', 'Pelapor Tanggal', 'Isi Aduan', 'Tanggapan Isi', 'Tanggapan Tanggal', 'Status']);
    // A blank top cell over a column of its own is not part of the merge to its left.
    expect(
      combineHeader([
        ['No', ''],
        ['', 'Isi'],
      ]),
    ).toEqual(['No', 'Isi']);
  });

  it('reads a two-row header, skips to dataStartRow, reads 12-hour times, and keys placeholder numbers by content', async () => {
    const path = join(workDir(), 'rekap.csv');
    writeFileSync(path, EXPORT);
    const { records } = await pullEverything(
      importer(path, {
        headerRow: [2, 3],
        dataStartRow: 5,
        dateFormats: ['DD/MM/YYYY hh:mm A'],
        columns: COLUMNS,
        statusMap: { Selesai: 'closed' },
        defaultStatus: 'received',
        defaultClassification: 'pengaduan',
      }),
    );
    expect(records.map((r) => r.ok)).toEqual([true, true, true]);
    const [sri, budi, again] = records.map((r) => (r.ok ? r : undefined));
    expect(sri!.draft).toMatchObject({
      reportedAt: '2023-01-03T07:15:00.000Z',
      reporter: { name: 'Sri' },
      status: 'closed',
      classification: 'pengaduan',
      historical: true,
      responses: [{ text: 'Sudah diperbaiki', at: '2023-01-05T02:00:00.000Z' }],
    });
    // A blank status takes the channel's default instead of going to triage.
    expect(budi!.draft).toMatchObject({
      reportedAt: '2023-01-04T01:00:00.000Z',
      status: 'received',
      classification: 'pengaduan',
    });
    // Number 0 is a placeholder: two different complaints stay two, the true duplicate gets the same key.
    expect(sri!.externalId).toMatch(/^0#[0-9a-f]{12}$/);
    expect(budi!.externalId).not.toBe(sri!.externalId);
    expect(again!.externalId).toBe(sri!.externalId);
  });

  it('joins a date and a time kept in two columns', async () => {
    const path = join(workDir(), 'dua-kolom.csv');
    writeFileSync(
      path,
      [
        'No;Tanggal;Jam;Isi Aduan',
        '1;03/01/2023;2:15 PM;Jalan rusak',
        '2;04/01/2023;08.30;Lampu mati',
        '3;05/01/2023;25:00;Jam salah',
      ].join('\n'),
    );
    const { records } = await pullEverything(
      importer(path, { columns: { number: 'No', reportedAt: 'Tanggal', reportedTime: 'Jam', text: 'Isi Aduan' } }),
    );
    expect(records.map((r) => (r.ok ? r.draft.reportedAt : r.reason))).toEqual([
      '2023-01-03T07:15:00.000Z',
      '2023-01-04T01:30:00.000Z',
      'row 3: reportedAt: not a recognisable time of day: "25:00"',
    ]);
  });
});

describe('dates', () => {
  const rules = {
    formats: [] as string[],
    defaultOffset: '+07:00',
    dayFirst: true,
    now: new Date('2025-06-01T00:00:00Z'),
  };

  it.each([
    ['DD/MM/YYYY hh:mm A', 'dd/MM/yyyy hh:mm a'],
    ['D MMMM YYYY', 'd MMMM yyyy'],
    ['YYYY-MM-DD HH:mm', 'yyyy-MM-dd HH:mm'],
    ["dd/MM/yyyy 'pukul' HH.mm", "dd/MM/yyyy 'pukul' HH.mm"],
  ])('reads the format %s as luxon %s', (format, luxon) => {
    expect(luxonFormat(format)).toBe(luxon);
  });

  it.each([
    ['2:15 PM', '14:15:00'],
    ['12:05 am', '00:05:00'],
    ['12:05 PM', '12:05:00'],
    ['08.30', '08:30:00'],
    ['2.30 p.m.', '14:30:00'],
    ['13:00 PM', undefined],
  ])('reads the time of day %s', (text, expected) => {
    expect(timeOfDay(text)).toBe(expected);
  });

  it('reads wall-clock times in an IANA zone, daylight saving included, and keeps explicit offsets', () => {
    const berlin = { ...rules, timeZone: 'Europe/Berlin' };
    expect(timeOfCells('15/01/2024 12:00', undefined, berlin)).toMatchObject({ iso: '2024-01-15T11:00:00.000Z' });
    expect(timeOfCells('15/07/2024 12:00', undefined, berlin)).toMatchObject({ iso: '2024-07-15T10:00:00.000Z' });
    expect(timeOfCells('15/07/2024 12:00', undefined, { ...rules, timeZone: 'Asia/Makassar' })).toMatchObject({
      iso: '2024-07-15T04:00:00.000Z',
    });
    expect(timeOfCells('2024-07-15T12:00:00Z', undefined, berlin)).toMatchObject({ iso: '2024-07-15T12:00:00.000Z' });
    // An XLSX date cell (wall clock stored as UTC) with a time of day from another cell.
    expect(
      timeOfCells(new Date(Date.UTC(2024, 6, 15)), new Date(Date.UTC(1899, 11, 30, 9, 30)), {
        ...rules,
        timeZone: 'Asia/Jayapura',
      }),
    ).toMatchObject({ iso: '2024-07-15T00:30:00.000Z' });
  });

  it('reads Indonesian month names by format, and says why a date is refused', () => {
    expect(timeOfCells('3 Agustus 2024', undefined, { ...rules, formats: ['D MMMM YYYY'] })).toMatchObject({
      iso: '2024-08-02T17:00:00.000Z',
    });
    expect(timeOfCells('kemarin', undefined, rules)).toEqual({
      ok: false,
      reason: 'not a recognisable date/time: "kemarin"',
    });
    expect(timeOfCells('03/01/2031', undefined, rules)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('in the future') as string,
    });
  });
});
