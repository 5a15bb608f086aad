import { StringDecoder } from 'node:string_decoder';
import type ExcelJS from 'exceljs';

/** The two private steps of exceljs's streaming reader that decode XML text. */
interface ReaderSteps {
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): unknown;
  _parseSharedStrings(entry: NodeJS.ReadableStream): unknown;
}

async function* decodedAcrossChunks(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * exceljs 4.4's streaming reader decodes each inflated chunk of a sheet (and of the shared
 * strings) on its own, so a character whose UTF-8 bytes straddle two chunks becomes U+FFFD:
 * about one row in ten thousand of Indonesian text with typographic quotes or dashes
 * (exceljs issues #2084 and #2316, open upstream). Its XML parser takes strings as they
 * come, so it is handed chunks decoded across their boundaries instead.
 */
export function decodeXlsxAcrossChunks(reader: ExcelJS.stream.xlsx.WorkbookReader): void {
  const steps = reader as unknown as ReaderSteps;
  if (typeof steps._parseWorksheet !== 'function' || typeof steps._parseSharedStrings !== 'function') {
    throw new Error(
      'this exceljs version has no _parseWorksheet/_parseSharedStrings; check whether it still splits UTF-8 characters between chunks and adapt xlsx-utf8.ts',
    );
  }
  const worksheet = steps._parseWorksheet.bind(reader);
  const sharedStrings = steps._parseSharedStrings.bind(reader);
  steps._parseWorksheet = (iterator, sheetNo) => worksheet(decodedAcrossChunks(iterator), sheetNo);
  steps._parseSharedStrings = (entry) => {
    // A stream with an encoding keeps an incomplete character for the next chunk.
    entry.setEncoding('utf8');
    return sharedStrings(entry);
  };
}
