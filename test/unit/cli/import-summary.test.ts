import { describe, expect, it } from 'vitest';
import { columnsOf } from '../../../src/cli/import-rejects.js';
import { reasonKind, summaryLines } from '../../../src/cli/import-summary.js';
import { closing } from '../../../src/cli/import.js';
import { EXIT } from '../../../src/cli/output.js';
import { messages } from '../../../src/i18n/messages.js';
import type { ImportState } from '../../../src/store/import-tally.js';

describe('import summary', () => {
  it.each([
    ['row 17: missing text', 'missing text'],
    ['row 18: reportedAt: not a recognisable date/time: "kemarin"', 'reportedAt: not a recognisable date/time'],
    ['row 19: text too long (25000 characters, limit 20000)', 'text too long'],
    ['row 20: secret flag not understood: "mungkin"', 'secret flag not understood'],
    [
      'row 21: broken encoding: text contains replacement characters (U+FFFD)',
      'broken encoding: text contains replacement characters (U+FFFD)',
    ],
  ])('groups %j as %j', (reason, kind) => {
    expect(reasonKind(reason)).toBe(kind);
  });

  it('accounts for every row once and names the reasons of the rejected ones', () => {
    const rejects = [
      { row: 3, reason: 'row 3: missing text', raw: {} },
      { row: 9, reason: 'row 9: reportedAt: not a recognisable date/time: "31/02/2023"', raw: {} },
      { row: 12, reason: 'row 12: missing text', raw: {} },
    ];
    expect(
      summaryLines(
        { rows: 12_345, imported: 12_000, known: 300, repeated: 42, rejected: 3 },
        rejects,
        '/data/rekap.rejects.csv',
        [],
        messages('en').cli.import.summary,
        'en',
      ),
    ).toEqual([
      '  rows read  12,345',
      '  imported   12,000   new complaints',
      '  duplicate     342   300 already in the ledger, 42 repeated in this file (same number and content)',
      '  rejected        3   rows, reasons and cells in /data/rekap.rejects.csv',
      '                  2   missing text',
      '                  1   reportedAt: not a recognisable date/time',
    ]);
  });

  it('in Indonesian: the same counts with Indonesian labels and thousands separators', () => {
    expect(
      summaryLines(
        { rows: 12_345, imported: 12_000, known: 300, repeated: 42, rejected: 3 },
        [{ row: 3, reason: 'row 3: missing text', raw: {} }],
        '/data/rekap.rejects.csv',
        [{ row: 1_500, sameAs: 7 }],
        messages('id').cli.import.summary,
        'id',
      ),
    ).toEqual([
      '  baris dibaca 12.345',
      '  diimpor      12.000   aduan baru',
      '  duplikat        342   300 sudah ada di ledger, 42 berulang di berkas ini (nomor dan isi sama)',
      '                        baris 1.500 = baris 7',
      '  ditolak           3   baris, alasan dan selnya di /data/rekap.rejects.csv',
      '                    1   missing text',
    ]);
  });
});

describe('rejects file columns', () => {
  it("keeps the export's column order although each row keeps only its filled cells", () => {
    const rows = [
      { row: 2, reason: '', raw: { _row: 2, No: '2', Tanggal: 'x', Status: 'Baru' } },
      { row: 3, reason: '', raw: { _row: 3, No: '3', Tanggal: 'x', 'Isi Aduan': 'y', Status: 'Baru' } },
      { row: 4, reason: '', raw: { _row: 4, 'Isi Aduan': 'y', Kategori: 'z' } },
    ];
    expect(columnsOf(rows)).toEqual(['No', 'Tanggal', 'Isi Aduan', 'Kategori', 'Status']);
  });
});

describe('import exit', () => {
  const tally = (counts: Partial<ImportState>): ImportState => ({
    rows: 1000,
    imported: 0,
    known: 0,
    repeated: 0,
    rejected: 0,
    ...counts,
  });
  it.each([
    ['every row rejected', tally({ rejected: 1000 }), EXIT.failure],
    ['some rows imported', tally({ imported: 1, rejected: 999 }), EXIT.ok],
    ['all rows already in the ledger', tally({ known: 1000 }), EXIT.ok],
    ['an empty file', tally({ rows: 0 }), EXIT.ok],
  ])('%s', (_label, state, code) => {
    expect(
      closing({ outcome: 'done', tally: state, notInLedger: 0 }, 'rekap.csv', messages('en').cli.import).code,
    ).toBe(code);
  });

  it('says why an import that imports nothing fails', () => {
    const failed = { outcome: 'done', tally: tally({ rejected: 1000 }), notInLedger: 0 } as const;
    expect(closing(failed, 'rekap.csv', messages('en').cli.import).text).toContain(
      'nothing was imported, all 1000 rows were rejected',
    );
    expect(closing(failed, 'rekap.csv', messages('id').cli.import).text).toContain(
      'tidak ada yang diimpor, semua 1000 baris ditolak',
    );
  });
});
