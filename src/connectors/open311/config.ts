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
  /**
   * json or xml as the server speaks it; auto tries JSON and falls back to XML when the
   * server refuses it. Answers are read by their Content-Type and charset either way.
   */
  format: z.enum(['auto', 'json', 'xml']).default('auto'),
  /** Append ".json"/".xml" to every resource path; false for servers that negotiate by the Accept header. */
  formatSuffix: z.boolean().default(true),
  /** GeoReport's api_key, sent only with POSTs: needed only when the source is written to. */
  apiKeyEnv: envNameSchema.optional(),
  /** For servers behind a gateway that wants more (a bearer token, an extra header). */
  auth: authSchema.prefault({ scheme: 'none' }),
  http: httpSettingsSchema,
  window: z.strictObject({
    /** Where the first pull starts (requested_datetime), ISO 8601. */
    start: z.iso.datetime({ offset: true }),
    /** Width of one pull's time window. */
    days: z.number().int().min(1).max(366).default(30),
    /**
     * Skew margin: every window starts this much before the previous one ended (late writes,
     * clock skew); what the overlap brings again is dropped by id + version.
     */
    overlapSeconds: z.number().int().min(0).max(86_400).default(300),
  }),
  /** The server's cap on results per query (GeoReport suggests 1000); a full window is split. */
  maxResults: z.number().int().min(1).max(10_000).default(1000),
  /**
   * The servicerequestupdates extension (mySociety's, not GeoReport v2's): pulls updates
   * per window and posts answers and statuses. Off by default, since most servers do not
   * serve it; switch it on for one that does (`health` says whether it answers).
   */
  updates: z.strictObject({ enabled: z.boolean().default(false) }).prefault({}),
  /** Source status (open, closed, and extended values such as in_progress) → canonical. */
  statusMap: z.record(z.string(), z.enum(STATUSES)),
  write: z
    .strictObject({
      /** Canonical → status sent with an update; a canonical status without an entry is refused. */
      statusOut: z.partialRecord(z.enum(STATUSES), z.string().min(1)).default({}),
      /**
       * Canonical statuses the server has no value for by design (LAPOR's "tunda", its own
       * archive): not written and not asked about; any other status missing from statusOut is.
       */
      notMirrored: z.array(z.enum(STATUSES)).default([]),
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
