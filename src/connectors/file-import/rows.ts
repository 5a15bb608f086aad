import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { ConnectorError } from '../../domain/failures.js';
import { formatOf, type FileImportConfig } from './config.js';
import { decodeSample, detectEncoding, readSample, SAMPLE_BYTES } from './encoding.js';
import { decodeXlsxAcrossChunks } from './xlsx-utf8.js';

/** A cell as read: text, a number, a date (XLSX wall time) or nothing. */
export type Cell = string | number | boolean | Date | null;

/** A streaming view of an export: the header, then data rows one at a time. */
export interface RowStream {
  header: string[];
  /** What was used to read it (for logs and health). */
  encoding: string;
  next(): Promise<Cell[] | undefined>;
  close(): void;
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

function sniffDelimiter(firstLine: string): string {
  let best: string = ',';
  let bestCount = -1;
  for (const d of DELIMITERS) {
    const count = firstLine.split(d).length - 1;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

/** The header rows (1-based, top to bottom) and the first data row of a file. */
export function layoutOf(config: Pick<FileImportConfig, 'headerRow' | 'dataStartRow'>): {
  headerRows: number[];
  dataStart: number;
} {
  const headerRows = [...new Set(Array.isArray(config.headerRow) ? config.headerRow : [config.headerRow])].sort(
    (a, b) => a - b,
  );
  const last = headerRows.at(-1)!;
  return { headerRows, dataStart: Math.max(config.dataStartRow ?? last + 1, last + 1) };
}

const text = (c: Cell | undefined) => (c === null || c === undefined ? '' : String(c).replace(/\s+/g, ' ').trim());

/**
 * One name per column from a header over several rows: the cells of a column joined top to
 * bottom ("Tanggapan" over "Isi" → "Tanggapan Isi"). A merged cell keeps its text in its
 * first column only; it is carried to the right over the columns it spans, which are those
 * with a name of their own in the row below.
 */
export function combineHeader(rows: readonly (readonly Cell[])[]): string[] {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const filled = rows.map((row, level) => {
    const below = rows[level + 1];
    let carry: string | undefined;
    return Array.from({ length: width }, (_v, i) => {
      const own = text(row[i]);
      if (own !== '') {
        carry = below && text(below[i]) !== '' ? own : undefined;
        return own;
      }
      if (carry !== undefined && below && text(below[i]) !== '') return carry;
      carry = undefined;
      return '';
    });
  });
  return Array.from({ length: width }, (_v, i) =>
    filled
      .map((r) => r[i]!)
      .filter((part, at, all) => part !== '' && part !== all[at - 1])
      .join(' '),
  );
}

async function openCsv(config: FileImportConfig, system: string): Promise<RowStream> {
  const size = (await stat(config.path)).size;
  const sample = await readSample(config.path);
  const encoding = config.encoding === 'auto' ? detectEncoding(sample, size <= SAMPLE_BYTES) : config.encoding;
  const sampleText = decodeSample(sample, encoding).replace(/^\uFEFF/, '');
  const lines = sampleText.split(/\r?\n/);
  const { headerRows, dataStart } = layoutOf(config);
  const delimiter =
    config.delimiter === 'auto' ? sniffDelimiter(lines[headerRows.at(-1)! - 1] ?? '') : config.delimiter;
  const file = createReadStream(config.path);
  const parser = parse({
    delimiter,
    from_line: headerRows[0],
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    info: true,
  });
  file.pipe(iconv.decodeStream(encoding)).pipe(parser);
  file.on('error', (err) => parser.destroy(err));
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  // Header rows by their line, then data from dataStart on (a numbering row between is skipped).
  const found: string[][] = [];
  let ahead: string[] | undefined;
  try {
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
      if (r.value.info.lines >= dataStart) {
        ahead = r.value.record;
        break;
      }
      if (headerRows.includes(r.value.info.lines)) found.push(r.value.record);
    }
  } catch (err) {
    throw new ConnectorError(
      'INVALID_PAYLOAD',
      `${system}: ${config.path} is not readable as CSV (${(err as Error).message})`,
      { cause: err },
    );
  }
  if (found.length === 0)
    throw new ConnectorError(
      'INVALID_PAYLOAD',
      `${system}: ${config.path} has no header in row ${headerRows.join(', ')}`,
    );
  return {
    header: combineHeader(found),
    encoding,
    async next() {
      if (ahead) {
        const row = ahead;
        ahead = undefined;
        return row;
      }
      try {
        const row = await iterator.next();
        return row.done ? undefined : row.value.record;
      } catch (err) {
        throw new ConnectorError(
          'INVALID_PAYLOAD',
          `${system}: ${config.path} broke off while reading (${(err as Error).message})`,
          { cause: err },
        );
      }
    },
    close() {
      file.destroy();
      parser.destroy();
    },
  };
}

function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date)
    return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return cellOf(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return null;
}

function rowCells(row: ExcelJS.Row): Cell[] {
  // exceljs rows are 1-based and sparse.
  const values = (row.values as ExcelJS.CellValue[]).slice(1);
  return Array.from({ length: values.length }, (_v, i) => cellOf(values[i]));
}

async function openXlsx(config: FileImportConfig, system: string): Promise<RowStream> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(config.path), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  decodeXlsxAcrossChunks(reader);
  const sheets = reader[Symbol.asyncIterator]() as AsyncIterator<ExcelJS.stream.xlsx.WorksheetReader>;
  let rows: AsyncIterator<ExcelJS.Row> | undefined;
  try {
    for (let s = await sheets.next(); !s.done; s = await sheets.next()) {
      const sheet = s.value as ExcelJS.stream.xlsx.WorksheetReader & { name?: string };
      if (config.sheet === undefined || sheet.name === config.sheet) {
        rows = sheet[Symbol.asyncIterator]() as AsyncIterator<ExcelJS.Row>;
        break;
      }
    }
  } catch (err) {
    throw new ConnectorError(
      'INVALID_PAYLOAD',
      `${system}: ${config.path} is not a readable XLSX file (${(err as Error).message})`,
      { cause: err },
    );
  }
  if (!rows)
    throw new ConnectorError(
      'INVALID_PAYLOAD',
      `${system}: ${config.path} has no sheet ${config.sheet ? `"${config.sheet}"` : ''}`.trim(),
    );
  const sheetRows = rows;
  const { headerRows, dataStart } = layoutOf(config);
  const found: Cell[][] = [];
  let ahead: Cell[] | undefined;
  for (let r = await sheetRows.next(); !r.done; r = await sheetRows.next()) {
    if (r.value.number >= dataStart) {
      ahead = rowCells(r.value);
      break;
    }
    if (headerRows.includes(r.value.number)) found.push(rowCells(r.value));
  }
  if (found.length === 0)
    throw new ConnectorError(
      'INVALID_PAYLOAD',
      `${system}: ${config.path} has no header in row ${headerRows.join(', ')}`,
    );
  return {
    header: combineHeader(found),
    encoding: 'xlsx',
    async next() {
      if (ahead) {
        const row = ahead;
        ahead = undefined;
        return row;
      }
      const r = await sheetRows.next();
      return r.done ? undefined : rowCells(r.value);
    },
    close() {
      // Ending the iteration lets exceljs release the zip stream.
      void sheetRows.return?.();
    },
  };
}

export async function openRows(config: FileImportConfig, system: string): Promise<RowStream> {
  try {
    await stat(config.path);
  } catch (err) {
    // A missing export is an operator matter, not a transient failure to retry forever.
    throw new ConnectorError(
      'NOT_FOUND',
      `${system}: cannot read ${config.path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      { cause: err },
    );
  }
  return formatOf(config) === 'xlsx' ? openXlsx(config, system) : openCsv(config, system);
}
