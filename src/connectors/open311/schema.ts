import { z } from 'zod';

/**
 * GeoReport v2 shapes, only the fields used. Ids and times are strict; everything else
 * falls back to undefined when a server sends something odd (`.catch`).
 */
const id = z.union([z.string().trim().min(1), z.number().int().nonnegative()]).transform(String);
const text = z.string().nullish().catch(undefined);
const coordinate = z.union([z.number(), z.string()]).nullish().catch(undefined);

export const serviceRequestSchema = z.object({
  service_request_id: id,
  status: text,
  status_notes: text,
  service_name: text,
  service_code: z.union([z.string(), z.number()]).transform(String).nullish().catch(undefined),
  description: z.unknown().optional(),
  agency_responsible: text,
  requested_datetime: z.string().min(1),
  updated_datetime: text,
  address: text,
  lat: coordinate,
  long: coordinate,
  media_url: text,
});
export type ServiceRequest = z.infer<typeof serviceRequestSchema>;

export const requestUpdateSchema = z.object({
  update_id: id,
  service_request_id: id,
  status: text,
  updated_datetime: z.string().min(1),
  description: text,
  media_url: text,
});
export type RequestUpdate = z.infer<typeof requestUpdateSchema>;

/** Booleans arrive as true/false, as the strings "true"/"false" (the spec's own examples, and every XML server), or as 0/1. */
const flag = z
  .union([
    z.boolean(),
    z.enum(['true', 'false', 'TRUE', 'FALSE', 'True', 'False', '1', '0']),
    z.literal(0),
    z.literal(1),
  ])
  .transform((v) => v === true || v === 1 || String(v).toLowerCase() === 'true')
  .optional()
  .catch(undefined);

export const serviceSchema = z.object({ service_code: id, service_name: text, metadata: flag, type: text });

/** POST /requests answers with an id, or with a token to resolve later. */
export const createAnswerSchema = z
  .array(z.object({ service_request_id: id.optional().catch(undefined), token: text }))
  .min(1);
export const updateAnswerSchema = z.array(z.object({ update_id: id.optional().catch(undefined) }));
