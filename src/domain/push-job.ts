import { z } from 'zod';
import { STATUSES } from './status.js';

/** A record in one system that a push writes to: the system, and the record's id there. */
export const targetSchema = z.strictObject({ system: z.string(), externalId: z.string() });
export type Target = z.infer<typeof targetSchema>;

/** Push jobs carry ids only. */
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
