import { z } from 'zod';
import { said } from '../i18n/schema-text.js';

/** One value or a list of them, kept as a list. */
const oneOrMany = z
  .union([z.string().min(1), z.array(z.string().min(1))])
  .transform((v) => (Array.isArray(v) ? v : [v]));
const localDate = z.string().regex(
  /^\d{4}-\d{2}-\d{2}$/,
  said((t) => t.unitDate),
);

export const UNIT_KINDS = [
  'pemda',
  'setda',
  'bagian',
  'sekretariat',
  'inspektorat',
  'dinas',
  'badan',
  'satpol',
  'rsud',
  'bumd',
  'kecamatan',
  'kelurahan',
  'desa',
  'upt',
  'lainnya',
] as const;

export const systemValuesSchema = z.strictObject({ id: oneOrMany.optional(), name: oneOrMany.optional() });

export const unitSchema = z.strictObject({
  /** Stable: kept by the ledger and the rekap, never reused for another unit. */
  code: z.string().regex(
    /^[a-z0-9][a-z0-9-]*$/,
    said((t) => t.unitCode),
  ),
  name: z.string().min(1),
  kind: z.enum(UNIT_KINDS),
  parent: z.string().optional(),
  short: z.array(z.string().min(1)).default([]),
  aliases: z.array(z.string().min(1)).default([]),
  /** Names the unit had before a rename; `until` is the last day it was used. */
  formerNames: z.array(z.strictObject({ name: z.string().min(1), until: localDate })).default([]),
  /** The unit was merged into another on that date: its work counts there from then on. */
  mergedInto: z.strictObject({ code: z.string(), on: localDate }).optional(),
  /** Desa and kelurahan in a kecamatan's area, for place rules (routing.rules with place: kecamatan). */
  places: z.array(z.string().min(1)).optional(),
  /** Per connected system (a source name or a connector kind): the id or name it uses. */
  systems: z.record(z.string(), systemValuesSchema).default({}),
});
export type OpdUnit = z.infer<typeof unitSchema>;

export const directoryFileSchema = z.strictObject({
  pemda: z.strictObject({
    name: z.string().min(1),
    /** Trailing words systems append to unit names ("… Kab. Blora"), ignored when matching. */
    suffixes: z.array(z.string().min(1)).default([]),
  }),
  units: z.array(unitSchema).min(1),
});
export type DirectoryFile = z.infer<typeof directoryFileSchema>;
