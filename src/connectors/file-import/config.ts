import iconv from 'iconv-lite';
import { z } from 'zod';
import { CLASSIFICATIONS, STATUSES } from '../../domain/status.js';
import { sourceBaseSchema } from '../types.js';
import { recordRulesSchema } from '../common/record-rules.js';

/**
 * A historical export (CSV or XLSX) read as a source. Columns are named by their header
 * text, matched ignoring case and spacing; a list gives alternatives (`[No, Nomor]`).
 */
const column = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

export const COLUMN_KEYS = ['number', 'sender', 'phone', 'title', 'text', 'category', 'classification', 'forwardedTo', 'reply', 'repliedAt', 'status', 'reportedAt', 'updatedAt', 'location', 'trackingId', 'secret', 'anonymous'] as const;

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
    .refine((e) => e === 'auto' || iconv.encodingExists(e), 'an encoding iconv-lite knows, e.g. "utf-8" or "windows-1252", or "auto"'),
  /** CSV only; auto picks the most frequent of , ; tab | in the header line. */
  delimiter: z.enum(['auto', ',', ';', '\t', '|']).default('auto'),
  /** XLSX only: sheet name; default the first sheet. */
  sheet: z.string().min(1).optional(),
  /** 1-based row of the column headers (exports often have a title above). */
  headerRow: z.number().int().min(1).max(1000).default(1),
  /** Rows per pull. */
  pageSize: z.number().int().min(1).max(10_000).default(500),
  columns: z
    .strictObject({
      number: column,
      text: column,
      reportedAt: column,
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
