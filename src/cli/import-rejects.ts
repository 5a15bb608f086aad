import { createWriteStream } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { RejectedRow } from '../store/import-tally.js';

/** Next to the input: rekap-2023.xlsx → rekap-2023.rejects.csv. */
export function defaultRejectsPath(input: string): string {
  return join(dirname(input), `${basename(input, extname(input))}.rejects.csv`);
}

const csvCell = (value: unknown): string => {
  const text = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * The export's columns in their order: a row keeps only its non-empty cells, so each row's
 * keys are merged in, a new key right after the one it follows in that row.
 */
export function columnsOf(rows: readonly RejectedRow[], header: readonly string[] = []): string[] {
  const order: string[] = header.filter((h) => h !== '');
  for (const r of rows) {
    let previous = -1;
    for (const key of Object.keys((r.raw ?? {}) as object)) {
      if (key === '_row') continue;
      let at = order.indexOf(key);
      if (at === -1) order.splice((at = previous + 1), 0, key);
      previous = at;
    }
  }
  return order;
}

/**
 * Writes the rejected rows: JSON lines `{row, reason, raw}` for a .jsonl path, otherwise
 * CSV (UTF-8 with a byte-order mark, which Excel needs) with `row`, `reason` and then the
 * export's own columns, so the file can be fixed in a spreadsheet and imported again with
 * the same column mapping.
 */
export async function writeRejects(
  path: string,
  rows: readonly RejectedRow[],
  header: readonly string[] = [],
): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const done = finished(out);
  if (/\.jsonl$/i.test(path)) {
    for (const r of rows) out.write(`${JSON.stringify({ row: r.row, reason: r.reason, raw: r.raw })}\n`);
  } else {
    // Every column of the export, also those empty in every rejected row: the channel's mapping needs them all.
    const columns = columnsOf(rows, header);
    out.write(`\uFEFF${['row', 'reason', ...columns].map(csvCell).join(',')}\r\n`);
    for (const r of rows) {
      const raw = (r.raw ?? {}) as Record<string, unknown>;
      out.write(`${[r.row, r.reason, ...columns.map((c) => raw[c])].map(csvCell).join(',')}\r\n`);
    }
  }
  out.end();
  await done;
}
