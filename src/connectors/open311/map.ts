import { complaintDraftSchema, type ComplaintDraftInput, type ResponseDraft } from '../../domain/draft.js';
import type { Status } from '../../domain/status.js';
import type { PulledRecord } from '../types.js';
import { textProblem } from '../common/text-check.js';
import { parseTimestamp, type TimestampOptions } from '../common/timestamp.js';
import { toCoordinate, toId, toLabel, toUrls } from '../common/values.js';
import type { RecordRules } from '../common/record-rules.js';
import { requestUpdateSchema, serviceRequestSchema, type RequestUpdate } from './schema.js';

export interface Open311MapContext {
  rules: RecordRules;
  now: Date;
  status(value: string | undefined): Status | undefined;
}

function idOf(raw: unknown): string | undefined {
  return raw !== null && typeof raw === 'object'
    ? toId((raw as Record<string, unknown>).service_request_id)
    : undefined;
}

function fail(raw: unknown, reason: string): PulledRecord {
  const externalId = idOf(raw);
  return externalId === undefined ? { ok: false, raw, reason } : { ok: false, externalId, raw, reason };
}

/** The updates a kept raw record carries beside its request (see mapServiceRequest); unreadable ones are left out. */
export function keptUpdates(kept: unknown): RequestUpdate[] {
  const updates = kept !== null && typeof kept === 'object' ? (kept as { updates?: unknown }).updates : undefined;
  if (!Array.isArray(updates)) return [];
  return updates.flatMap((u) => {
    const parsed = requestUpdateSchema.safeParse(u);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * One GeoReport service request, with the updates found for it in the same window, as a
 * draft. The newest of the request's own status and its updates' statuses wins. The raw
 * record keeps the updates next to the request so a replay sees the same input.
 */
export function mapServiceRequest(
  raw: unknown,
  updates: readonly RequestUpdate[],
  ctx: Open311MapContext,
): PulledRecord {
  const kept = updates.length > 0 && raw !== null && typeof raw === 'object' ? { ...raw, updates } : raw;
  const parsed = serviceRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(
      kept,
      `not a GeoReport service request: ${issue?.path.join('.') || '(record)'} ${issue?.message ?? ''}`.trim(),
    );
  }
  const r = parsed.data;
  const ts: TimestampOptions = { defaultOffset: ctx.rules.defaultOffset, dayFirst: ctx.rules.dayFirst, now: ctx.now };
  // description is optional in GeoReport v2: a request filed by category alone reads as its service.
  const body = toLabel(r.description) ?? toLabel(r.service_name);
  if (body === undefined) return fail(kept, 'missing text: the request has neither a description nor a service_name');
  const problem = textProblem(body, ctx.rules.maxTextLength);
  if (problem) return fail(kept, problem);
  const requested = parseTimestamp(r.requested_datetime, ts);
  if (!requested.ok) return fail(kept, `requested_datetime: ${requested.reason}`);
  const updated = r.updated_datetime ? parseTimestamp(r.updated_datetime, ts) : requested;
  if (!updated.ok) return fail(kept, `updated_datetime: ${updated.reason}`);

  let latest = { status: toLabel(r.status), ms: updated.ms, iso: updated.iso };
  const responses: ResponseDraft[] = [];
  if (toLabel(r.status_notes)) responses.push({ at: updated.iso, text: r.status_notes!, kind: 'status_note' });
  for (const u of updates) {
    const at = parseTimestamp(u.updated_datetime, ts);
    if (!at.ok) continue;
    // On a tie the update wins: it is the more specific statement of the same moment.
    if (at.ms >= latest.ms && toLabel(u.status)) latest = { status: toLabel(u.status), ms: at.ms, iso: at.iso };
    if (toLabel(u.description))
      responses.push({ externalId: u.update_id, at: at.iso, text: u.description!, kind: 'tindak_lanjut' });
  }

  let lat = toCoordinate(r.lat, 90);
  let lon = toCoordinate(r.long, 180);
  if (lat === undefined || lon === undefined || (lat === 0 && lon === 0)) [lat, lon] = [undefined, undefined];
  const input: ComplaintDraftInput = {
    externalId: r.service_request_id,
    body,
    category:
      r.service_code || toLabel(r.service_name)
        ? { id: r.service_code ?? undefined, name: toLabel(r.service_name) }
        : undefined,
    opd: toLabel(r.agency_responsible) ? { name: toLabel(r.agency_responsible) } : undefined,
    location: toLabel(r.address) || lat !== undefined ? { text: toLabel(r.address), lat, lon } : undefined,
    reportedAt: requested.iso,
    updatedAt: latest.ms < requested.ms ? requested.iso : latest.iso,
    sourceStatus: latest.status,
    status: ctx.status(latest.status),
    responses,
    attachments: toUrls(r.media_url),
  };
  const draft = complaintDraftSchema.safeParse(input);
  if (!draft.success) return fail(kept, `draft invalid: ${draft.error.issues[0]?.message ?? 'invalid'}`);
  return { ok: true, externalId: r.service_request_id, raw: kept, draft: draft.data };
}
