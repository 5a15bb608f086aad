import { z } from 'zod';
import { STATUSES } from '../../domain/status.js';
import { sourceBaseSchema } from '../types.js';
import { authSchema, envNameSchema } from '../http/auth.js';
import { baseUrlSchema, httpSettingsSchema } from '../http/settings.js';
import { recordRulesSchema } from '../common/record-rules.js';

export const open311ConfigSchema = sourceBaseSchema.extend({
  kind: z.literal('open311'),
  /** The endpoint root, e.g. https://kota.example/open311/v2 (no trailing slash). */
  baseUrl: baseUrlSchema,
  jurisdictionId: z.string().min(1).optional(),
  /** Appended to every resource path; "" for servers that take content negotiation instead. */
  formatSuffix: z.enum(['.json', '']).default('.json'),
  /** GeoReport's api_key, sent with POSTs. */
  apiKeyEnv: envNameSchema.optional(),
  /** For servers behind a gateway that wants more (a bearer token, an extra header). */
  auth: authSchema.prefault({ scheme: 'none' }),
  http: httpSettingsSchema,
  window: z.strictObject({
    /** Where the first pull starts (requested_datetime), ISO 8601. */
    start: z.iso.datetime({ offset: true }),
    /** Width of one pull's time window. */
    days: z.number().int().min(1).max(366).default(30),
    /** Once caught up, the next pull starts this much earlier (late writes, clock skew). */
    overlapSeconds: z.number().int().min(0).max(86_400).default(300),
  }),
  /** The server's cap on results per query (GeoReport suggests 1000); a full window is split. */
  maxResults: z.number().int().min(1).max(10_000).default(1000),
  /** The servicerequestupdates extension: pulls updates per window and posts responses / statuses. */
  updates: z.strictObject({ enabled: z.boolean().default(true) }).prefault({}),
  /** Source status (open, closed, and extended values such as in_progress) → canonical. */
  statusMap: z.record(z.string(), z.enum(STATUSES)),
  write: z
    .strictObject({
      /** Canonical → status sent with an update; a canonical status without an entry is refused. */
      statusOut: z.partialRecord(z.enum(STATUSES), z.string().min(1)).default({}),
      /** Our category id → service_code, for forwarded complaints. */
      serviceCodes: z.record(z.string(), z.string()).default({}),
      defaultServiceCode: z.string().optional(),
      /** GeoReport needs a location; used when a forwarded complaint has none. */
      defaultAddress: z.string().optional(),
      /** Description of a status-only update; ${status} is the sent status. */
      statusNote: z.string().default('Status diperbarui: ${status}'),
    })
    .prefault({}),
  records: recordRulesSchema,
});
export type Open311Config = z.infer<typeof open311ConfigSchema>;
