import { z } from 'zod';
import { CLASSIFICATIONS, STATUSES } from '../../domain/status.js';
import { dotPathSchema, dotPathsSchema } from '../common/dot-path.js';
import { COMBINERS } from './presets/combiners.js';
import { said, sayNow } from '../../i18n/schema-text.js';

/**
 * Where each canonical field is found in a raw record. Every value is a dot path, or a
 * list of dot paths tried in order. Only `id`, `text` and `reportedAt` are required.
 */
const place = z.strictObject({ id: dotPathsSchema.optional(), name: dotPathsSchema.optional() });

export const responseSourceSchema = z.strictObject({
  /** The list of entries inside the record (a timeline, comments, conclusions). */
  path: dotPathsSchema,
  text: dotPathsSchema,
  at: dotPathsSchema,
  by: dotPathsSchema.optional(),
  id: dotPathsSchema.optional(),
  kind: z.enum(['tindak_lanjut', 'comment', 'status_note']).default('tindak_lanjut'),
});

export const fieldsSchema = z.strictObject({
  id: dotPathsSchema,
  text: dotPathsSchema,
  title: dotPathsSchema.optional(),
  reportedAt: dotPathsSchema,
  /** Last change; defaults to reportedAt for systems that never edit a record. */
  updatedAt: dotPathsSchema.optional(),
  category: place.optional(),
  opd: place.optional(),
  location: z
    .strictObject({
      text: dotPathsSchema.optional(),
      desa: dotPathsSchema.optional(),
      kecamatan: dotPathsSchema.optional(),
      kabupaten: dotPathsSchema.optional(),
      lat: dotPathsSchema.optional(),
      lon: dotPathsSchema.optional(),
    })
    .optional(),
  reporter: z
    .strictObject({
      name: dotPathsSchema.optional(),
      phone: dotPathsSchema.optional(),
      email: dotPathsSchema.optional(),
      nik: dotPathsSchema.optional(),
      address: dotPathsSchema.optional(),
    })
    .optional(),
  /** rahasia: the whole report is confidential. */
  secret: dotPathsSchema.optional(),
  /** anonim: the reporter's identity is hidden. */
  anonymous: dotPathsSchema.optional(),
  classification: z
    .strictObject({
      path: dotPathsSchema,
      map: z.record(z.string(), z.enum(CLASSIFICATIONS)),
      /**
       * For a record whose value is absent or not in `map`: a channel whose messages are
       * complaints unless marked otherwise. Without it such a record has none, and triage asks.
       */
      default: z.enum(CLASSIFICATIONS).optional(),
    })
    .optional(),
  /** Ids of the same complaint in other systems, e.g. a LAPOR tracking id typed in by an operator. */
  crossRefs: z
    .array(
      z.strictObject({
        system: z
          .string()
          .regex(/^[a-z][a-z0-9-]*$/)
          .default('lapor'),
        path: dotPathsSchema,
        /** Values not matching are not taken as a cross-reference (hand-typed ids are often wrong). */
        pattern: z
          .string()
          .refine(
            isRegExp,
            said((t) => t.regex),
          )
          .optional(),
      }),
    )
    .default([]),
  attachments: z.array(z.strictObject({ path: dotPathsSchema, item: dotPathSchema.optional() })).default([]),
  responses: z.array(responseSourceSchema).default([]),
});
export type FieldsConfig = z.infer<typeof fieldsSchema>;

function isRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/** Source status → canonical status. Values are checked against the canonical list. */
export const statusMapSchema = z.record(z.string(), z.enum(STATUSES));

export const statusSchema = z
  .strictObject({
    path: dotPathsSchema.optional(),
    /** A named function that folds several raw statuses into one stage (see presets/combiners.ts). */
    combine: z.enum(Object.keys(COMBINERS) as [keyof typeof COMBINERS, ...(keyof typeof COMBINERS)[]]).optional(),
    inputs: z.record(z.string(), dotPathsSchema).optional(),
    map: statusMapSchema,
    /**
     * The canonical status of a record that has no status at all, where the system says so
     * by leaving it out (a WhatsApp desk report nobody has opened: received). Absent: such a
     * record waits in triage, as an unknown value does.
     */
    whenMissing: z.enum(STATUSES).optional(),
  })
  .superRefine((s, ctx) => {
    if ((s.path === undefined) === (s.combine === undefined)) {
      ctx.addIssue({ code: 'custom', message: sayNow((t) => t.pathOrCombine), path: [] });
      return;
    }
    if (s.combine === undefined) return;
    const want = COMBINERS[s.combine].inputs;
    const have = Object.keys(s.inputs ?? {});
    const missing = want.filter((k) => !have.includes(k));
    const extra = have.filter((k) => !(want as readonly string[]).includes(k));
    if (missing.length > 0 || extra.length > 0)
      ctx.addIssue({
        code: 'custom',
        message: sayNow((t) => t.combineInputs(String(s.combine), want)),
        path: ['inputs'],
      });
  });
export type StatusConfig = z.infer<typeof statusSchema>;
