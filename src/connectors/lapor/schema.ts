import { z } from 'zod';
import { parseTimestamp } from './time.js';

/**
 * Raw LAPOR values after they were picked out of the wire record by the configured field
 * names (map.ts). Only what the mapping uses is declared. Strict on identity, time and the
 * privacy flags; lenient on everything optional: a value that cannot be read is dropped.
 */
/** What an id may look like (a tracking id, a timeline entry's id); read-record.ts reads by the same words. */
export const ID = /^[\w.:-]{1,64}$/;

export const idSchema = z.union([
  z.string().trim().regex(ID, 'must be a non-empty id of letters, digits, ".", ":", "_" or "-"'),
  // Tracking ids outgrow 32 bits; as JSON numbers they are only trustworthy up to 2^53.
  z
    .number()
    .int()
    .nonnegative()
    .refine(Number.isSafeInteger, 'is a JSON number too large to be exact; the API must send it as a string')
    .transform(String),
]);

export function timestampSchema(offset: string) {
  return z.string().transform((text, ctx) => {
    const ms = parseTimestamp(text, offset);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `is not a timestamp: ${JSON.stringify(text.slice(0, 40))}` });
      return z.NEVER;
    }
    return ms;
  });
}

export const TRUE = new Set(['1', 'true', 'ya', 'y', 'yes']);
export const FALSE = new Set(['0', 'false', 'tidak', 't', 'n', 'no']);

/** anonim/rahasia: guessing "not confidential" could publish a confidential report, so an unreadable flag fails the record. */
export const flagSchema = z.union([z.boolean(), z.number(), z.string()]).transform((value, ctx) => {
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  ctx.addIssue({ code: 'custom', message: `is not a yes/no flag: ${JSON.stringify(value)}` });
  return z.NEVER;
});

const lenientText = z
  .union([z.string(), z.number().transform(String)])
  .optional()
  .catch(undefined)
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

export function recordSchema(offset: string) {
  const timestamp = timestampSchema(offset);
  const entry = z.object({
    id: idSchema.optional().catch(undefined),
    type: lenientText,
    at: timestamp,
    by: lenientText,
    note: z
      .union([z.string(), z.number().transform(String)])
      .nullish()
      .transform((v) => v ?? ''),
  });
  return z.object({
    trackingId: idSchema,
    lastActivityAt: timestamp,
    createdAt: timestamp,
    body: z.string(),
    anonim: flagSchema,
    rahasia: flagSchema,
    title: lenientText,
    classification: lenientText,
    categoryId: lenientText,
    categoryName: lenientText,
    location: lenientText,
    status: lenientText,
    unitId: lenientText,
    unitName: lenientText,
    reporterName: lenientText,
    reporterPhone: lenientText,
    reporterEmail: lenientText,
    reporterNik: lenientText,
    attachments: z
      .array(z.unknown())
      .optional()
      .catch(undefined)
      .transform((list) => (list ?? []).filter((v): v is string => typeof v === 'string')),
    timeline: z
      .array(entry)
      .nullish()
      .transform((list) => list ?? []),
  });
}
export type LaporRecord = z.infer<ReturnType<typeof recordSchema>>;

/** Only what cursor positioning needs: readable even when the rest of a record is broken. */
export function positionSchema(offset: string) {
  return z.object({ trackingId: idSchema, lastActivityAt: timestampSchema(offset) });
}

export const topicSchema = z.object({ id: idSchema, parent: idSchema, name: z.string().min(1) });
