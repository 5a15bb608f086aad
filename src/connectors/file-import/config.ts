import iconv from 'iconv-lite';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { CLASSIFICATIONS, STATUSES } from '../../domain/status.js';
import { sourceBaseSchema } from '../types.js';
import { recordRulesSchema } from '../common/record-rules.js';
import { said } from '../../i18n/schema-text.js';

/**
 * A historical export (CSV or XLSX) read as a source. Columns are named by their header
 * text, matched ignoring case and spacing; a list gives alternatives (`[No, Nomor]`).
 */
const column = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

export const COLUMN_KEYS = [
  'number',
  'sender',
  'phone',
  'title',
  'text',
  'category',
  'classification',
  'forwardedTo',
  'reply',
  'repliedAt',
  'repliedTime',
  'status',
  'reportedAt',
  'reportedTime',
  'updatedAt',
  'location',
  'trackingId',
  'secret',
  'anonymous',
] as const;

/** Values of the number column that are no number: rows carrying one are told apart by their content. */
export const DEFAULT_PLACEHOLDER_NUMBERS = ['0', '-', '--', '—', 'n/a', 'na', 'x', '?'];

export const fileImportConfigSchema = sourceBaseSchema.extend({
  kind: z.literal('file-import'),
  /** Path of the export on the daemon's disk. */
  path: z.string().min(1),
  /** auto: by file extension (.csv / .txt / .xlsx). */
  format: z.enum(['auto', 'csv', 'xlsx']).default('auto'),
  /** CSV only. auto: a byte-order mark, valid UTF-8, else detected (Windows-1252 for Latin text). */
  encoding: z
    .string()
    .default('auto')
    .refine(
      (e) => e === 'auto' || iconv.encodingExists(e),
      said((t) => t.encoding),
    ),
  /** CSV only; auto picks the most frequent of , ; tab | in the header line. */
  delimiter: z.enum(['auto', ',', ';', '\t', '|']).default('auto'),
  /** XLSX only: sheet name; default the first sheet. */
  sheet: z.string().min(1).optional(),
  /**
   * 1-based row of the column headers (exports often have a title above), or the rows of a
   * header written over several rows with merged cells, e.g. [3, 4]: each column is named by
   * its cells joined top to bottom ("Tanggapan Isi"), a merged cell counting for every column
   * it spans.
   */
  headerRow: z
    .union([z.number().int().min(1).max(1000), z.array(z.number().int().min(1).max(1000)).min(1).max(4)])
    .default(1),
  /** 1-based row of the first data row; default the row after the (last) header row. Rows in between are skipped. */
  dataStartRow: z.number().int().min(2).max(1001).optional(),
  /**
   * Date formats tried before the built-in ones (ISO, DD/MM/YYYY HH:mm, Excel dates):
   * DD MM YYYY hh HH mm ss A, e.g. 'DD/MM/YYYY hh:mm A' for "03/04/2024 02:15 PM",
   * 'D MMMM YYYY' for "3 April 2024" (Indonesian or English month names).
   */
  dateFormats: z.array(z.string().min(2)).default([]),
  /**
   * IANA time zone of the export's wall-clock times, e.g. Asia/Jakarta (WIB), Asia/Makassar
   * (WITA), Asia/Jayapura (WIT); daylight saving is right for zones that have it. Default:
   * records.defaultOffset.
   */
  timeZone: z
    .string()
    .refine(
      (zone) => IANAZone.isValidZone(zone),
      said((t) => t.timeZone),
    )
    .optional(),
  /**
   * Values of the number column that are no number (blank is always one). Rows with such a
   * number are keyed by number plus content, so different complaints stay apart and only true
   * duplicates merge.
   */
  placeholderNumbers: z.array(z.string()).default(DEFAULT_PLACEHOLDER_NUMBERS),
  /**
   * History, not live work (default): replies are recorded as answers already delivered (no
   * drafts, nothing to approve, nothing sent again), nothing is forwarded.
   */
  historical: z.boolean().default(true),
  /** Canonical status for rows whose status cell is blank or not in statusMap (instead of triage). */
  defaultStatus: z.enum(STATUSES).optional(),
  /** Classification for rows without one (the channel's usual kind, e.g. pengaduan), instead of triage. */
  defaultClassification: z.enum(CLASSIFICATIONS).optional(),
  /** Rows per pull. */
  pageSize: z.number().int().min(1).max(10_000).default(500),
  columns: z.strictObject({
    number: column,
    text: column,
    reportedAt: column,
    /** The time of day, when the export keeps it apart from reportedAt's date. */
    reportedTime: column.optional(),
    repliedTime: column.optional(),
    sender: column.optional(),
    phone: column.optional(),
    title: column.optional(),
    category: column.optional(),
    classification: column.optional(),
    forwardedTo: column.optional(),
    reply: column.optional(),
    repliedAt: column.optional(),
    status: column.optional(),
    updatedAt: column.optional(),
    location: column.optional(),
    trackingId: column.optional(),
    secret: column.optional(),
    anonymous: column.optional(),
  }),
  statusMap: z.record(z.string(), z.enum(STATUSES)).default({}),
  classificationMap: z.record(z.string(), z.enum(CLASSIFICATIONS)).default({}),
  records: recordRulesSchema,
});
export type FileImportConfig = z.infer<typeof fileImportConfigSchema>;
export type ColumnKey = keyof FileImportConfig['columns'];

export function formatOf(config: Pick<FileImportConfig, 'format' | 'path'>): 'csv' | 'xlsx' {
  if (config.format !== 'auto') return config.format;
  return /\.xlsx$/i.test(config.path) ? 'xlsx' : 'csv';
}
