import { z } from 'zod';
import { CLASSIFICATIONS, STATUSES } from './status.js';

/**
 * What a connector makes of one external record: the source's facts in canonical field
 * names, before the pipeline cleans text, masks identity and assigns ids. Identity is in
 * the clear here; normalize turns it into a salted hash plus a masked display, and it is
 * never put in job data or logs.
 */
export const isoTimestamp = z.iso.datetime({ offset: true });

export const responseDraftSchema = z.object({
  /** The source's id of this answer / timeline entry, when it has one. */
  externalId: z.string().min(1).optional(),
  at: isoTimestamp,
  by: z.string().optional(),
  text: z.string(),
  kind: z.enum(['tindak_lanjut', 'comment', 'status_note']),
});
export type ResponseDraft = z.infer<typeof responseDraftSchema>;

export const complaintDraftSchema = z.object({
  externalId: z.string().min(1),
  /** Another system's id for the same complaint, e.g. a LAPOR tracking id typed into a regional record. */
  crossRefs: z.array(z.object({ system: z.string().min(1), externalId: z.string().min(1) })).default([]),
  classification: z.enum(CLASSIFICATIONS).optional(),
  title: z.string().optional(),
  body: z.string(),
  category: z.object({ id: z.string().optional(), name: z.string().optional() }).optional(),
  /** The OPD the source says handles it (LAPOR disposisi, a regional assignment). */
  opd: z.object({ id: z.string().optional(), name: z.string().optional() }).optional(),
  location: z
    .object({
      text: z.string().optional(),
      desa: z.string().optional(),
      kecamatan: z.string().optional(),
      kabupaten: z.string().optional(),
      lat: z.number().min(-90).max(90).optional(),
      lon: z.number().min(-180).max(180).optional(),
    })
    .optional(),
  reporter: z
    .object({
      name: z.string().optional(),
      phone: z.string().optional(),
      nik: z.string().optional(),
      email: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  anonim: z.boolean().default(false),
  rahasia: z.boolean().default(false),
  reportedAt: isoTimestamp,
  /** Source's last-change time: decides which version wins. */
  updatedAt: isoTimestamp,
  /** The source's own status value, always kept for audit and triage. */
  sourceStatus: z.string().optional(),
  /** Canonical status when the source status is mapped; absent means "unmapped → triage". */
  status: z.enum(STATUSES).optional(),
  responses: z.array(responseDraftSchema).default([]),
  attachments: z.array(z.string().url()).default([]),
  /** History (an old export): its replies were delivered long ago, nothing is to be sent or approved. */
  historical: z.boolean().optional(),
});
export type ComplaintDraft = z.infer<typeof complaintDraftSchema>;
export type ComplaintDraftInput = z.input<typeof complaintDraftSchema>;
