import { z } from 'zod';
import { STATUSES } from '../../domain/status.js';
import { dotPathSchema } from '../common/dot-path.js';
import { FIELD_FORMATS } from '../common/field-encoding.js';
import { placeholdersOf } from '../common/template.js';
import { said, sayNow } from '../../i18n/schema-text.js';

/**
 * Write-back operations. Each one looks first (GET), then sends only when needed, so a
 * repeated call changes nothing. Paths and bodies are templates: `${name}` is replaced by
 * a variable of the operation (listed in VARS below and in readme.md).
 */
const COMMON_VARS = ['externalId', 'now'] as const;
export const VARS = {
  trackingId: [...COMMON_VARS, 'trackingId'],
  status: [...COMMON_VARS, 'status', 'canonical'],
  response: [...COMMON_VARS, 'clientRef', 'text', 'by', 'at'],
  create: [
    'now',
    'clientRef',
    'classification',
    'title',
    'body',
    'categoryId',
    'location',
    'anonim',
    'rahasia',
    'reportedAt',
    'reporterName',
    'reporterPhone',
    'reporterEmail',
    'attachments',
    'firstAttachment',
  ],
} as const;
type Op = keyof typeof VARS;

const pathTemplate = z.string().regex(
  /^\//,
  said((t) => t.slashFromBase),
);

const lookSchema = z.strictObject({
  path: pathTemplate,
  query: z.record(z.string(), z.string()).default({}),
  /** Where the document sits in the response body, e.g. "data"; absent: the body itself. */
  docPath: dotPathSchema.optional(),
  /**
   * What a 404 here means. final: the record is not there and will not be (the write is
   * refused, not retried). not_yet: the record exists but is not ready for this write (a
   * WhatsApp desk report has no handling record until someone opens it); the write waits
   * until the record changes.
   */
  missing: z.enum(['final', 'not_yet']).default('final'),
});

const sendSchema = z.strictObject({
  method: z.enum(['POST', 'PUT', 'PATCH']),
  path: pathTemplate,
  /**
   * fields: send `body` as it is. merge: send the looked-up document with `body`'s fields
   * over it (for PUT endpoints that replace the whole record). append: send the looked-up
   * document with `body` appended to the list at `listPath`.
   */
  mode: z.enum(['fields', 'merge', 'append']).default('fields'),
  body: z.unknown().optional(),
  /** Send as application/x-www-form-urlencoded instead of JSON. */
  form: z.boolean().default(false),
});

const listLook = {
  look: lookSchema,
  /** The list inside the looked-up document; absent: the document is the list. */
  listPath: dotPathSchema.optional(),
};

export const writeBackSchema = z
  .strictObject({
    /**
     * How the system shows the texts we write (`${text}`, `${body}`, `${title}`): `html` when
     * its pages render them as HTML (they are escaped), `plain` when it shows them as text.
     */
    textFormat: z.enum(FIELD_FORMATS).default('plain'),
    trackingId: z.strictObject({ look: lookSchema, valuePath: dotPathSchema, send: sendSchema }).optional(),
    status: z
      .strictObject({
        /** Canonical → this system's value. A canonical status without an entry is refused (and waits in triage). */
        map: z.partialRecord(z.enum(STATUSES), z.string().min(1)),
        /** Canonical statuses this system has no value for by design: not written, nothing to triage. */
        notMirrored: z.array(z.enum(STATUSES)).default([]),
        look: lookSchema,
        valuePath: dotPathSchema,
        send: sendSchema,
      })
      .optional(),
    response: z
      .strictObject({
        ...listLook,
        /** Field of each listed entry compared with the response, to find it already there. */
        matchPath: dotPathSchema,
        matchOn: z.enum(['clientRef', 'text']).default('clientRef'),
        /** Id of an entry (listed or created); absent: the clientRef stands for it. */
        itemIdPath: dotPathSchema.optional(),
        send: sendSchema,
        /** Where the created entry's id is in the send response. */
        idPath: dotPathSchema.optional(),
      })
      .optional(),
    create: z
      .strictObject({
        /** Without a look a retried create after a crash can duplicate: configure it when the system can search by reference. */
        look: lookSchema.optional(),
        listPath: dotPathSchema.optional(),
        matchPath: dotPathSchema.optional(),
        itemIdPath: dotPathSchema.optional(),
        send: sendSchema,
        idPath: dotPathSchema,
      })
      .optional(),
  })
  .superRefine((wb, ctx) => {
    for (const op of Object.keys(VARS) as Op[]) {
      const cfg = wb[op];
      if (!cfg) continue;
      const unknown = placeholdersOf(cfg).filter(
        (name) => !(VARS[op] as readonly string[]).includes(name.split('.')[0]!),
      );
      for (const name of new Set(unknown))
        ctx.addIssue({
          code: 'custom',
          path: [op],
          message: sayNow((t) => t.unknownPlaceholder(name, VARS[op])),
        });
      if (cfg.send.mode !== 'fields' && !cfg.look)
        ctx.addIssue({
          code: 'custom',
          path: [op, 'send', 'mode'],
          message: sayNow((t) => t.modeNeedsLook(cfg.send.mode)),
        });
      if (op === 'create' && wb.create?.look && !(wb.create.matchPath && wb.create.itemIdPath)) {
        ctx.addIssue({
          code: 'custom',
          path: [op, 'look'],
          message: sayNow((t) => t.createLookNeeds),
        });
      }
      if (cfg.send.mode === 'append' && !('listPath' in cfg && cfg.listPath))
        ctx.addIssue({ code: 'custom', path: [op, 'listPath'], message: sayNow((t) => t.appendNeedsListPath) });
    }
  })
  .prefault({});
export type WriteBackConfig = z.infer<typeof writeBackSchema>;
