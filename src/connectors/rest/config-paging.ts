import { z } from 'zod';
import { dotPathSchema, dotPathsSchema } from '../common/dot-path.js';
import { said } from '../../i18n/schema-text.js';

/**
 * How the list endpoint pages. See readme.md for which style to pick: `timestamp` and
 * `cursor` are safe while records change during a pull; `page` and `offset` walk a list
 * whose order can shift, and are best with a `sinceParam`.
 */
const param = z.string().regex(
  /^[\w.[\]-]+$/,
  said((t) => t.queryParam),
);

const sized = {
  pageSize: z.number().int().min(1).max(1000).default(50),
  sizeParam: param.default('limit'),
};

const since = {
  /** Query parameter filtering records changed at or after a time. */
  sinceParam: param.optional(),
  sinceFormat: z.enum(['iso', 'epoch-seconds', 'epoch-ms']).default('iso'),
  /** The raw field the server filters and sorts on; defaults to fields.updatedAt (then reportedAt). */
  sinceField: dotPathsSchema.optional(),
  /** The next incremental pass starts this much before the newest change seen (late writes, clock skew). */
  overlapSeconds: z.number().int().min(0).max(86_400).default(300),
};

export const pagingSchema = z.discriminatedUnion('style', [
  z.strictObject({
    style: z.literal('page'),
    pageParam: param.default('page'),
    firstPage: z.union([z.literal(0), z.literal(1)]).default(1),
    /** When the body says how many pages there are; otherwise a short page ends the pass. */
    totalPagesPath: dotPathSchema.optional(),
    /** Where the body says how many records the list holds: the count check of a pass (see readme.md). */
    totalPath: dotPathSchema.optional(),
    ...sized,
    ...since,
  }),
  z.strictObject({
    style: z.literal('offset'),
    offsetParam: param.default('offset'),
    totalPath: dotPathSchema.optional(),
    ...sized,
    ...since,
  }),
  z.strictObject({
    style: z.literal('cursor'),
    cursorParam: param.default('cursor'),
    /** Where the body carries the next cursor; empty or missing means "no more now". */
    nextCursorPath: dotPathSchema,
    ...sized,
  }),
  z.strictObject({
    style: z.literal('timestamp'),
    sinceParam: param,
    /**
     * When the list also takes a page number: used only to page through more than a page of
     * records that share one change time (a bulk edit), instead of stopping there.
     */
    pageParam: param.optional(),
    firstPage: z.union([z.literal(0), z.literal(1)]).default(1),
    sinceFormat: since.sinceFormat,
    sinceField: since.sinceField,
    overlapSeconds: z.number().int().min(0).max(86_400).default(0),
    ...sized,
  }),
]);
export type PagingConfig = z.infer<typeof pagingSchema>;
