import cron from 'node-cron';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.js';
import type { ComplaintDraft } from '../domain/draft.js';
import type { Classification, Status } from '../domain/status.js';
import { webhookConfigSchema } from './webhook-config.js';
import { said } from '../i18n/schema-text.js';

/**
 * The one interface every external system implements. Nothing outside registry.ts
 * switches on a source kind.
 */

/** One record of a page: either mapped, or kept raw with the reason it failed validation. */
export type PulledRecord =
  | { ok: true; externalId: string; raw: unknown; draft: ComplaintDraft }
  | {
      ok: false;
      externalId?: string;
      raw: unknown;
      reason: string;
      /** The record could not be fetched for a passing reason (a 5xx on its detail call): fetched again later, not invalid. */
      retry?: boolean;
    };

export interface PullPage {
  records: PulledRecord[];
  /**
   * Cursor to pass to the next pull. The connector never stores it: the pipeline saves it
   * only after the page's records are durably written. Opaque string.
   */
  nextCursor: string;
  /** True when the source has nothing more right now (the caller stops paging). */
  done: boolean;
}

export interface PullOptions {
  signal?: AbortSignal;
}

export interface HealthCheckResult {
  check: string;
  ok: boolean;
  detail: string;
}

/** A complaint as sent to another system: identity only when policy allows, text masked. */
export interface OutboundComplaint {
  /** Our stable id, used as the client reference so a repeated create is idempotent. */
  clientRef: string;
  classification: Classification;
  title?: string;
  body: string;
  categoryId?: string;
  location?: string;
  anonim: boolean;
  rahasia: boolean;
  reportedAt: string;
  reporter?: { name?: string; phone?: string; email?: string };
  attachments: string[];
}

export interface OutboundResponse {
  /** Our stable response id, the idempotency key on the remote side where supported. */
  clientRef: string;
  text: string;
  by: string;
  at: string;
}

/** ensure*-style result: what the write did. */
export type EnsureResult = { outcome: 'created' | 'updated' | 'unchanged'; remoteId: string; trackingId?: string };

export interface Connector {
  readonly name: string;
  readonly kind: string;
  /**
   * False when this source's records never say pengaduan / aspirasi / permintaan informasi
   * (GeoReport has no such field; a REST or file source whose configuration maps none): a
   * record without one is as the source always is, not a question for triage. Absent: true.
   */
  readonly classifies?: boolean;
  pull(cursor: string | null, options?: PullOptions): Promise<PullPage>;
  /** Maps one raw record again (quarantine replay after a mapping fix), exactly as pull would. */
  mapRaw(raw: unknown): PulledRecord;
  /**
   * Fetches one record again from the source and maps it, exactly as pull would (quarantine
   * replay and the scheduled re-fetch): a record served broken once, or not fetched because
   * of a passing failure, comes back when the source serves it well. `raw` is the copy kept.
   */
  refetch?(externalId: string, raw: unknown, options?: PullOptions): Promise<PulledRecord>;
  /**
   * A cursor that makes pull start at records changed at or after `since` (backfill), or
   * null when the source cannot be asked by date and a backfill reads it from the start.
   */
  cursorSince(since: Date): string | null;
  /**
   * The change time the next pull asks the source from, for people (`status`, /sync-logs):
   * what changed before it has been pulled; a source far behind "now" is being caught up.
   * Undefined when the cursor says no time (a token, a page number, a file's offset) or is not
   * one this connector wrote.
   */
  pullsFrom?(cursor: string): Date | undefined;
  health(): Promise<HealthCheckResult[]>;
  /** Create a complaint forwarded from elsewhere; a repeated clientRef must not create twice. */
  createComplaint?(complaint: OutboundComplaint): Promise<EnsureResult>;
  /** Post an approved answer (tindak lanjut) to a complaint of this system. */
  postResponse?(externalId: string, response: OutboundResponse): Promise<EnsureResult>;
  /** Write a LAPOR tracking id back into this system's record. */
  setTrackingId?(externalId: string, trackingId: string): Promise<EnsureResult>;
  /** Mirror a canonical status into this system (mapped by the connector's table). */
  updateStatus?(externalId: string, status: Status): Promise<EnsureResult>;
  /**
   * False for a canonical status the configuration says this system does not show (its
   * `notMirrored`): not written, and nothing for an operator to decide. Absent: every status.
   */
  mirrorsStatus?(status: Status): boolean;
  close(): Promise<void>;
}

export interface ConnectorContext {
  /** The source's name in configuration (sources.<name>). */
  name: string;
  logger: Logger;
  clock: Clock;
  /** Reads a secret from the environment by variable name. */
  secret(envName: string): string | undefined;
}

/**
 * What one poll of a source may cost. A source that ignores its paging parameter, or one
 * whose list never ends, is stopped here with the reason in the sync log; the cursor stays
 * at the last page stored, so nothing unseen is skipped.
 */
export const pollLimitsSchema = z
  .strictObject({
    pagesPerPoll: z.number().int().min(1).max(1_000_000).default(1000),
    requestsPerPoll: z.number().int().min(1).max(10_000_000).default(20_000),
  })
  .prefault({});
export type PollLimits = z.infer<typeof pollLimitsSchema>;

/** Fields every source has, whatever its kind. Connector schemas extend this. */
export const sourceBaseSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Cron expression, evaluated in UTC. */
  schedule: z
    .string()
    .refine(
      (v) => cron.validate(v),
      said((t) => t.cronEvery('*/5 * * * *'), 'cron'),
    )
    .default('*/5 * * * *'),
  /** Random delay after a tick so many daemons don't hit a source at the same second. */
  jitterMs: z.number().int().min(0).default(0),
  /** Pause between pages of one poll, to be polite to the source. */
  pageDelayMs: z.number().int().min(0).default(0),
  /** Human label shown on pages. */
  label: z.string().optional(),
  /**
   * false: never polled on the schedule. For a channel that only pushes (webhook), or an
   * export imported by command; `sync` and `backfill` still poll it when asked.
   */
  poll: z.boolean().default(true),
  /** Records pushed to POST /hooks/<source>, mapped like polled ones (see webhook-config.ts). */
  webhook: webhookConfigSchema.optional(),
  /** Politeness: one poll stops after this many pages or HTTP requests; the next poll goes on from there. */
  limits: pollLimitsSchema,
});

export type SourceBase = z.infer<typeof sourceBaseSchema> & { kind: string };

export interface ConnectorDefinition<C extends { kind: string } = { kind: string }> {
  kind: string;
  /** Strict zod schema of `sources.<name>` for this kind (extends sourceBaseSchema). */
  configSchema: z.ZodType<C>;
  /** Environment variables this config needs (for validate-config). */
  secretsOf(config: C): string[];
  create(config: C, context: ConnectorContext): Connector;
}
