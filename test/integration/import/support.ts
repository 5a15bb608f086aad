import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { stringify } from 'yaml';

export const HEADER = ['No', 'Tanggal', 'Nama Pelapor', 'Isi Aduan', 'Kategori', 'Diteruskan ke', 'Status'];

/** A file-import channel configured once in YAML; `import` then reads any export through it. */
export function importConfig(dir: string, extra: Record<string, unknown> = {}): string {
  const file = join(dir, 'config.yaml');
  writeFileSync(
    file,
    stringify({
      sandbox: { enabled: false },
      sources: {
        arsip: {
          kind: 'file-import',
          poll: false,
          path: 'data/import/rekap.xlsx',
          pageSize: 1000,
          columns: {
            number: ['No', 'Nomor'],
            reportedAt: 'Tanggal',
            sender: 'Nama Pelapor',
            text: 'Isi Aduan',
            category: 'Kategori',
            forwardedTo: 'Diteruskan ke',
            status: 'Status',
          },
          statusMap: { Selesai: 'closed', Proses: 'in_progress' },
          classificationMap: {},
          ...extra,
        },
      },
    }),
  );
  return file;
}

export const workDir = (): string => mkdtempSync(join(tmpdir(), 'lb-import-cmd-'));

/**
 * A generated export. Every 1000th row has no text (rejected); every other 500th row is
 * an exact copy of the row before it (a duplicate line, as exports have). Texts carry
 * characters Windows-1252 encodes differently from UTF-8.
 */
export function exportRows(total: number): string[][] {
  const rows: string[][] = [];
  for (let n = 1; n <= total; n++) {
    if (n % 500 === 0 && n % 1000 !== 0) {
      rows.push([...rows.at(-1)!]);
      continue;
    }
    const text =
      n % 1000 === 0
        ? ''
        : `Aduan nomor ${n}: jalan rusak di desa ke-${n % 271} \u2013 \u2019mohon\u2019 dicek, caf\u00e9 tutup`;
    rows.push([
      String(n),
      `${String((n % 28) + 1).padStart(2, '0')}/0${(n % 9) + 1}/2023 10:00`,
      `Pelapor ${n}`,
      text,
      'Infrastruktur',
      'DPUPR',
      n % 2 ? 'Selesai' : 'Proses',
    ]);
  }
  return rows;
}

/** What an exact summary of exportRows(total) says for a ledger that held none of it. */
export function expectedCounts(total: number) {
  const rejected = Math.floor(total / 1000);
  const repeated = Math.floor(total / 500) - rejected;
  return { rows: total, imported: total - rejected - repeated, known: 0, repeated, rejected };
}

const csvCell = (v: string) => (/[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function writeCsv(path: string, rows: string[][], encoding = 'windows-1252'): void {
  const text = [HEADER, ...rows].map((r) => r.map(csvCell).join(';')).join('\r\n');
  writeFileSync(path, iconv.encode(text, encoding));
}

export async function writeXlsx(path: string, rows: string[][]): Promise<void> {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
  const sheet = writer.addWorksheet('Rekap');
  sheet.addRow(HEADER).commit();
  for (const r of rows) sheet.addRow([Number(r[0]), ...r.slice(1)]).commit();
  sheet.commit();
  await writer.commit();
}
