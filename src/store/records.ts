import { z } from 'zod';
import { isoTimestamp } from '../domain/draft.js';
import { unroutedWhySchema } from '../domain/unrouted-why.js';

/**
 * A raw external record kept durably before its cursor advances; the draft is what the
 * connector made of it. The draft is checked by ingest, once, where a draft that no longer fits
 * (stored by an older version, say) is quarantined with its reason instead of failing its page.
 */
export const rawRecordSchema = z.object({ raw: z.unknown(), draft: z.unknown(), fetchedAt: isoTimestamp });
export type RawRecord = z.infer<typeof rawRecordSchema>;

export const quarantineEntrySchema = z.object({
  source: z.string(),
  externalId: z.string().optional(),
  /** connector: the mapping refused it; normalize: ingest refused it; fetch: it could not be fetched (a passing failure), fetched again on schedule. */
  stage: z.enum(['connector', 'normalize', 'fetch']),
  reason: z.string(),
  raw: z.unknown(),
  firstSeen: isoTimestamp,
  lastSeen: isoTimestamp,
  count: z.number().int(),
});
export type QuarantineEntry = z.infer<typeof quarantineEntrySchema>;

export const TRIAGE_KINDS = [
  'unmapped_status',
  'missing_classification',
  'unknown_source_for_ref',
  'invalid_text',
  'unknown_opd',
  'unrouted',
] as const;
export type TriageKind = (typeof TRIAGE_KINDS)[number];

/** Kinds an OPD settles: the one assignment path (src/routing/service.ts `assign`). */
export const ASSIGNABLE_TRIAGE_KINDS: ReadonlySet<TriageKind> = new Set(['unrouted', 'unknown_opd']);

/**
 * The others say what the bridge could not read of a record (a status, a classification, text,
 * a reference). A later version that has it settles them (src/pipeline/ingest.ts); until then an
 * operator who has looked (and, where it helps, mapped the value in the config) marks them
 * reviewed (src/store/triage-entries.ts). A complaint is never left without an OPD that way.
 */
export const mayBeReviewed = (kind: TriageKind): boolean => !ASSIGNABLE_TRIAGE_KINDS.has(kind);

export const triageEntrySchema = z.object({
  kind: z.enum(TRIAGE_KINDS),
  complaintId: z.string(),
  source: z.string(),
  value: z.string(),
  /**
   * Words that are not the catalogue's: a routing decision's own reason (unrouted). People read
   * why from the catalogue (src/i18n/triage-messages.ts), in their language; entries written
   * before kept a reason for every kind.
   */
  reason: z.string().optional(),
  /** Why routing left it unrouted, as facts; entries written before have `reason` only. */
  why: unroutedWhySchema.optional(),
  /** What a destination answered when it refused a status (unmapped_status while pushing). */
  refusal: z.string().optional(),
  at: isoTimestamp,
  /** For routing: the model's three best OPDs (directory codes) with calibrated confidence. */
  suggestions: z.array(z.object({ opd: z.string(), confidence: z.number() })).optional(),
  modelVersion: z.string().optional(),
});
export type TriageEntry = z.infer<typeof triageEntrySchema>;

export const deadLetterSchema = z.object({
  queue: z.string(),
  name: z.string(),
  jobId: z.string(),
  data: z.record(z.string(), z.unknown()),
  reason: z.string(),
  code: z.string().optional(),
  attempts: z.number().int(),
  failedAt: isoTimestamp,
  /** Earlier failures of the same work, kept across `dlq retry`. */
  history: z.array(z.object({ reason: z.string(), failedAt: isoTimestamp })).default([]),
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;

export const SOURCE_STATES = ['idle', 'polling', 'failing'] as const;
export const sourceStateSchema = z.object({
  state: z.enum(SOURCE_STATES).default('idle'),
  lastSuccessAt: isoTimestamp.optional(),
  lastRunAt: isoTimestamp.optional(),
  itemsLastRun: z.coerce.number().int().default(0),
  consecutiveFailures: z.coerce.number().int().default(0),
  failingSince: isoTimestamp.optional(),
  lastError: z.string().optional(),
  /** The last failure's code (ConnectorError code, or INTERNAL). */
  lastErrorCode: z.string().optional(),
});
export type SourceState = z.infer<typeof sourceStateSchema>;
