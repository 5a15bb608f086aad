import { z } from 'zod';

/**
 * When a fault fires. Neither `rate` nor `every` → on every eligible request; `times`
 * bounds how often it fires before switching itself off. Rates draw from a seeded stream,
 * so a sequence of requests meets the same faults on every run.
 */
export const faultTriggerSchema = z.strictObject({
  rate: z.number().min(0).max(1).optional(),
  every: z.number().int().min(1).optional(),
  times: z.number().int().min(0).optional(),
});
export type FaultTrigger = z.infer<typeof faultTriggerSchema>;

export const faultPatchSchema = z.strictObject({
  /** 503 with Retry-After on every eligible request until the window ends (sandbox clock). */
  maintenance: z
    .strictObject({
      until: z.iso.datetime({ offset: true }).optional(),
      forSeconds: z.number().positive().optional(),
    })
    .refine(
      (m) => (m.until === undefined) !== (m.forSeconds === undefined),
      'give exactly one of "until" or "forSeconds"',
    )
    .nullable()
    .optional(),
  /** Random 5xx answers. */
  serverError: faultTriggerSchema
    .extend({ statuses: z.array(z.number().int().min(500).max(599)).min(1).optional() })
    .nullable()
    .optional(),
  /** 429 with Retry-After. */
  rateLimit: faultTriggerSchema
    .extend({ retryAfterSeconds: z.number().int().min(0).optional() })
    .nullable()
    .optional(),
  /** The answer comes, late. */
  slow: faultTriggerSchema
    .extend({ delayMs: z.number().int().min(0) })
    .nullable()
    .optional(),
  /** No answer: the socket is held, then dropped, so the client runs into its own timeout. */
  timeout: faultTriggerSchema
    .extend({ hangMs: z.number().int().min(1).optional() })
    .nullable()
    .optional(),
  /** Data faults, applied by the sandbox itself when it builds a response: */
  /** a broken record inside an otherwise valid page, */
  malformed: faultTriggerSchema.nullable().optional(),
  /** the previous page served again instead of the next one, */
  duplicatePage: faultTriggerSchema.nullable().optional(),
  /** a record edited right after it was listed. */
  editAfterList: faultTriggerSchema.nullable().optional(),
});
/** A change to the active faults: a key set to null switches that fault off, absent keys stay. */
export type FaultPatch = z.input<typeof faultPatchSchema>;

export const TRIGGERED_FAULTS = [
  'serverError',
  'rateLimit',
  'slow',
  'timeout',
  'malformed',
  'duplicatePage',
  'editAfterList',
] as const;
export type TriggeredFault = (typeof TRIGGERED_FAULTS)[number];
export const DATA_FAULTS = ['malformed', 'duplicatePage', 'editAfterList'] as const;
export type DataFault = (typeof DATA_FAULTS)[number];

export interface ActiveFaults {
  maintenanceUntil?: string;
  serverError?: FaultTrigger & { statuses?: number[] };
  rateLimit?: FaultTrigger & { retryAfterSeconds?: number };
  slow?: FaultTrigger & { delayMs: number };
  timeout?: FaultTrigger & { hangMs?: number };
  malformed?: FaultTrigger;
  duplicatePage?: FaultTrigger;
  editAfterList?: FaultTrigger;
}
