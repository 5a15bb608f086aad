import { hash } from 'node:crypto';
import { z } from 'zod';
import { isoTimestamp } from './draft.js';
import { CLASSIFICATIONS, STATUSES } from './status.js';

/**
 * The canonical complaint as the ledger keeps it. Reporter identity is only a salted hash
 * and a masked display here; the clear values stay in the raw record, which is never
 * indexed, logged or put in job data.
 */
export const responseSchema = z.object({
  id: z.string(),
  source: z.string(),
  externalId: z.string().optional(),
  at: isoTimestamp,
  by: z.string().optional(),
  text: z.string(),
  kind: z.enum(['tindak_lanjut', 'comment', 'status_note']),
});
export type Response = z.infer<typeof responseSchema>;

/**
 * Who decided the OPD, in order of evidence: the source said so, a configured rule, the
 * learned model (above the triage threshold), or an operator (which nothing overrides).
 */
export const OPD_DECIDERS = ['source', 'rule', 'model', 'operator'] as const;

/** The OPD of a complaint: the directory's code, what the source called it, and why. */
export const complaintOpdSchema = z.object({
  /** Directory code (config/opd/); absent when the source's value is not in the directory (→ triage). */
  code: z.string().optional(),
  /** What the source called it, as sent. */
  id: z.string().optional(),
  name: z.string().optional(),
  assignedBy: z.enum(OPD_DECIDERS),
  /** Why this OPD, in words an operator reads (the rule, the matched name, the model's confidence). */
  reason: z.string().optional(),
  /** Calibrated probability of the model's choice, and the model version that made it. */
  confidence: z.number().min(0).max(1).optional(),
  modelVersion: z.string().optional(),
  at: isoTimestamp.optional(),
});
export type ComplaintOpd = z.infer<typeof complaintOpdSchema>;

export const complaintSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  source: z.string(),
  externalId: z.string(),
  crossRefs: z.array(z.object({ system: z.string(), externalId: z.string() })),
  classification: z.enum(CLASSIFICATIONS).optional(),
  title: z.string().optional(),
  /** Cleaned text: HTML removed, whitespace tidied, phone/NIK/KK/e-mail masked. */
  body: z.string(),
  /** The text exactly as the source sent it. */
  rawBody: z.string(),
  category: z.object({ id: z.string().optional(), name: z.string().optional() }).optional(),
  opd: complaintOpdSchema.optional(),
  location: z
    .object({
      text: z.string().optional(),
      desa: z.string().optional(),
      kecamatan: z.string().optional(),
      kabupaten: z.string().optional(),
      lat: z.number().optional(),
      lon: z.number().optional(),
    })
    .optional(),
  reporter: z.object({ hash: z.string(), display: z.string() }).optional(),
  anonim: z.boolean(),
  rahasia: z.boolean(),
  reportedAt: isoTimestamp,
  /** When the bridge first saw it. */
  receivedAt: isoTimestamp,
  /** The source's last-change time: the newer version wins. */
  updatedAt: isoTimestamp,
  status: z.enum(STATUSES),
  sourceStatus: z.string().optional(),
  /** When the status was "tunda" (postponed), by the source's own change times; the SLA clock stops then (src/sla/). */
  pauses: z.array(z.object({ from: isoTimestamp, to: isoTimestamp.optional() })).optional(),
  responses: z.array(responseSchema),
  attachments: z.array(z.string()),
  /** From history (an old export): its answers count as delivered, it is never forwarded. */
  historical: z.boolean().optional(),
  /**
   * Where the forward rules sent it when it first arrived (decided with its first version and
   * kept with every later one): a forward whose planning was lost is still owed after the
   * complaint changed. Absent on documents written before it was kept (then: first version only).
   */
  forwardTo: z.array(z.string()).optional(),
  /** Hash of the source facts, to tell a real change from a re-delivery. */
  contentHash: z.string(),
  version: z.number().int().min(1),
});
export type Complaint = z.infer<typeof complaintSchema>;

function digest(...parts: string[]): string {
  return hash('sha256', parts.join('\u0000'), 'hex');
}

/** Deterministic, so every replica derives the same id for the same source record. */
export function complaintId(source: string, externalId: string): string {
  return `c-${digest(source, externalId).slice(0, 20)}`;
}

export function responseId(complaint: string, source: string, key: string): string {
  return `r-${digest(complaint, source, key).slice(0, 20)}`;
}

export function contentHashOf(value: unknown): string {
  return digest(JSON.stringify(value)).slice(0, 32);
}
