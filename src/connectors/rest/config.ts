import { z } from 'zod';
import { sourceBaseSchema } from '../types.js';
import { authSchema } from '../http/auth.js';
import { baseUrlSchema, httpSettingsSchema } from '../http/settings.js';
import { dotPathSchema } from '../common/dot-path.js';
import { placeholdersOf } from '../common/template.js';
import { pagingSchema } from './config-paging.js';
import { recordRulesSchema } from '../common/record-rules.js';
import { fieldsSchema, statusSchema } from './config-fields.js';
import { writeBackSchema } from './config-write.js';
import { said, sayNow } from '../../i18n/schema-text.js';

const SECRET_HEADERS = /^(authorization|cookie|.*(key|token|secret|password).*)$/i;

/** A request path whose only placeholder is `${id}`, the record's id. */
const idPathSchema = z
  .string()
  .regex(
    /^\//,
    said((t) => t.slashFirst),
  )
  .refine(
    (p) => placeholdersOf(p).every((v) => v === 'id'),
    said((t) => t.onlyId),
  );

export const restConfigSchema = sourceBaseSchema.extend({
  kind: z.literal('rest'),
  baseUrl: baseUrlSchema,
  auth: authSchema.prefault({ scheme: 'none' }),
  /** Plain, non-secret headers. Credentials go in auth.apiKeyHeaders (read from the environment). */
  headers: z
    .record(z.string().regex(/^[A-Za-z0-9-]+$/), z.string())
    .default({})
    .superRefine((headers, ctx) => {
      for (const name of Object.keys(headers)) {
        if (SECRET_HEADERS.test(name))
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: sayNow((t) => t.credentialHeader(name)),
          });
      }
    }),
  http: httpSettingsSchema,
  list: z.strictObject({
    /** Relative to baseUrl. */
    path: z.string().regex(
      /^\//,
      said((t) => t.slashFirst),
    ),
    query: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
    /** Where the array of records is in the body; absent: the body is the array. */
    itemsPath: dotPathSchema.optional(),
    paging: pagingSchema,
    /**
     * One record by id (`${id}`), as the list serves it: how a quarantined record is fetched
     * again from the source. Without it the kept copy is completed and mapped again.
     */
    detail: z
      .strictObject({
        path: idPathSchema,
        docPath: dotPathSchema.optional(),
      })
      .optional(),
  }),
  /** Per-record follow-up requests whose result is attached to the record under `as`. */
  enrich: z
    .array(
      z.strictObject({
        as: z.string().regex(
          /^[A-Za-z_][\w]*$/,
          said((t) => t.plainKey),
        ),
        /** `${id}` is the record's id. */
        path: idPathSchema,
        docPath: dotPathSchema.optional(),
        /** A 404 means "nothing to attach" (e.g. a report not handled yet) instead of a failed record. */
        optional: z.boolean().default(false),
      }),
    )
    .default([]),
  fields: fieldsSchema,
  /** Without a status mapping, drafts carry no status (the pipeline triages them). */
  status: statusSchema.optional(),
  records: recordRulesSchema,
  writeBack: writeBackSchema,
});
export type RestConfig = z.infer<typeof restConfigSchema>;
