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

async function openCsv(config: FileImportConfig, system: string): Promise<RowStream> {
  const size = (await stat(config.path)).size;
  const sample = await readSample(config.path);
  const encoding = config.encoding === 'auto' ? detectEncoding(sample, size <= SAMPLE_BYTES) : config.encoding;
  const text = decodeSample(sample, encoding).replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  const delimiter = config.delimiter === 'auto' ? sniffDelimiter(lines[config.headerRow - 1] ?? '') : config.delimiter;
  const file = createReadStream(config.path);
  const parser = parse({ delimiter, from_line: config.headerRow, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, skip_records_with_empty_values: true });
  file.pipe(iconv.decodeStream(encoding)).pipe(parser);
  file.on('error', (err) => parser.destroy(err));
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const first = await iterator.next().catch((err: unknown) => {
    throw new ConnectorError('INVALID_PAYLOAD', `${system}: ${config.path} is not readable as CSV (${(err as Error).message})`, { cause: err });
  });
  if (first.done) throw new ConnectorError('INVALID_PAYLOAD', `${system}: ${config.path} has no header row`);
  return {
    header: first.value.map((h) => h.trim()),
    encoding,
    async next() {
      try {
        const row = await iterator.next();
        return row.done ? undefined : row.value;
      } catch (err) {
        throw new ConnectorError('INVALID_PAYLOAD', `${system}: ${config.path} broke off while reading (${(err as Error).message})`, { cause: err });
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
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
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
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(config.path), { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
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
    throw new ConnectorError('INVALID_PAYLOAD', `${system}: ${config.path} is not a readable XLSX file (${(err as Error).message})`, { cause: err });
  }
  if (!rows) throw new ConnectorError('INVALID_PAYLOAD', `${system}: ${config.path} has no sheet ${config.sheet ? `"${config.sheet}"` : ''}`.trim());
  const sheetRows = rows;
  let header: Cell[] | undefined;
  for (let r = await sheetRows.next(); !r.done; r = await sheetRows.next()) {
    if (r.value.number === config.headerRow) {
      header = rowCells(r.value);
      break;
    }
    if (r.value.number > config.headerRow) break;
  }
  if (!header) throw new ConnectorError('INVALID_PAYLOAD', `${system}: ${config.path} has no header in row ${config.headerRow}`);
  return {
    header: header.map((h) => (h === null ? '' : String(h).trim())),
    encoding: 'xlsx',
    async next() {
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
    throw new ConnectorError('NOT_FOUND', `${system}: cannot read ${config.path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { cause: err });
  }
  return formatOf(config) === 'xlsx' ? openXlsx(config, system) : openCsv(config, system);
}
