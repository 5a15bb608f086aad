import { createHash } from 'node:crypto';
import { z } from 'zod';
import { STATUSES } from '../domain/status.js';

/** Push jobs carry ids only. */
export const targetSchema = z.strictObject({ system: z.string(), externalId: z.string() });
export type Target = z.infer<typeof targetSchema>;

export const pushJobSchema = z.discriminatedUnion('kind', [
  /** Create the complaint on another system (ensure: look first, "already there" is success). */
  z.strictObject({ kind: z.literal('forward'), complaintId: z.string(), destination: z.string() }),
  /** Write the tracking id another system gave back into the complaint's own record. */
  z.strictObject({ kind: z.literal('tracking'), complaintId: z.string(), trackingId: z.string() }),
  /** Mirror a canonical status into another record of the case (never backwards). */
  z.strictObject({ kind: z.literal('status'), complaintId: z.string(), status: z.enum(STATUSES) }),
  /** Send a case's approved answers, oldest first, to one record in one system. */
  z.strictObject({ kind: z.literal('answers'), caseId: z.string(), target: targetSchema }),
]);
export type PushJob = z.infer<typeof pushJobSchema>;

function short(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 20);
}

/**
 * Deterministic ids: the same work asked twice is one job. Answer jobs carry the number of
 * approved answers, so each approval asks once more and a re-asked batch is one job.
 */
export function pushJobId(job: PushJob, approvedCount = 0): string {
  switch (job.kind) {
    case 'forward':
      return `push.fwd.${short(job.complaintId, job.destination)}`;
    case 'tracking':
      return `push.trk.${short(job.complaintId, job.trackingId)}`;
    case 'status':
      return `push.sts.${short(job.complaintId, job.status)}`;
    case 'answers':
      return `push.ans.${short(job.caseId, job.target.system, job.target.externalId)}.${approvedCount}`;
  }
}

/** Send-state field names: what was written where. */
export const sendField = {
  forward: (destination: string) => `forward|${destination}`,
  tracking: (system: string) => `tracking|${system}`,
  status: (system: string) => `status|${system}`,
  /** Scoped by the answer's id: a case merge never makes an answer look unsent. */
  answer: (target: Target) => `answer|${target.system}|${target.externalId}`,
} as const;
