import { ConnectorError, isConnectorError } from '../../domain/failures.js';
import { encodeField } from '../common/field-encoding.js';
import type { EnsureResult, OutboundComplaint, OutboundResponse } from '../types.js';
import type { LaporClient } from './client.js';
import type { LaporConfig } from './config.js';
import { pick, put } from './paths.js';
import { idSchema } from './schema.js';
import { formatTimestamp } from './time.js';

/**
 * Writes to LAPOR, ensure-style: look first where the API allows, and treat "already there"
 * as success. LAPOR shows `isi` (report and tindak lanjut) as HTML, with `<br />` between
 * paragraphs, so those texts are HTML-escaped; `judul`, `lokasi` and names are plain fields.
 */

function readId(body: unknown, path: string | null, what: string): string | undefined {
  const value = pick(body, path);
  if (value === undefined || value === null || path === null) return undefined;
  const id = idSchema.safeParse(value);
  if (!id.success)
    throw new ConnectorError(
      'INVALID_PAYLOAD',
      `LAPOR: ${what} at "${path}" ${id.error.issues[0]?.message ?? 'is not an id'}`,
    );
  return id.data;
}

function flag(value: boolean, style: LaporConfig['outbound']['flags']): boolean | string {
  return style === 'boolean' ? value : value ? '1' : '0';
}

function isDuplicate(body: unknown, config: LaporConfig): boolean {
  const value = pick(body, config.response.duplicate);
  return value === true || value === 1 || value === '1' || value === 'true';
}

/** Finds a report we created earlier by our client reference; undefined when LAPOR has none. */
async function findByRef(config: LaporConfig, client: LaporClient, clientRef: string): Promise<string | undefined> {
  if (!config.endpoints.findByRef) return undefined;
  try {
    const { body } = await client.call('findByRef', { vars: { clientRef } });
    return readId(
      pick(body, config.response.record),
      config.fields.report.trackingId,
      "the found report's tracking id",
    );
  } catch (err) {
    if (isConnectorError(err) && err.code === 'NOT_FOUND') return undefined;
    throw err;
  }
}

export async function createComplaint(
  config: LaporConfig,
  client: LaporClient,
  complaint: OutboundComplaint,
): Promise<EnsureResult> {
  const existing = await findByRef(config, client, complaint.clientRef);
  if (existing) return { outcome: 'unchanged', remoteId: existing, trackingId: existing };

  const label = Object.entries(config.classificationMap).find(([, c]) => c === complaint.classification)?.[0];
  if (!label)
    throw new ConnectorError('INVALID_PAYLOAD', `LAPOR: no classificationMap label for "${complaint.classification}"`);
  const o = config.outbound.create;
  const body: Record<string, unknown> = {};
  put(body, o.clientRef, complaint.clientRef);
  put(body, o.title, complaint.title);
  put(body, o.body, encodeField(complaint.body, 'html'));
  put(body, o.classification, label);
  put(body, o.categoryId, complaint.categoryId);
  put(body, o.location, complaint.location);
  put(body, o.anonim, flag(complaint.anonim, config.outbound.flags));
  put(body, o.rahasia, flag(complaint.rahasia, config.outbound.flags));
  const reportedAt = Date.parse(complaint.reportedAt);
  if (!Number.isNaN(reportedAt))
    put(body, o.reportedAt, formatTimestamp(reportedAt, config.timestamps.send, config.timestamps.offset));
  put(body, o.reporterName, complaint.reporter?.name);
  put(body, o.reporterPhone, complaint.reporter?.phone);
  put(body, o.reporterEmail, complaint.reporter?.email);
  if (complaint.attachments.length > 0) put(body, o.attachments, complaint.attachments);

  const res = await client.call('create', { body });
  const trackingId = readId(res.body, config.response.createdTrackingId, 'the new tracking id');
  // Created but unreadable: a retry finds it by client reference instead of creating again.
  if (!trackingId)
    throw new ConnectorError(
      'TRANSIENT',
      `LAPOR: create answered without a tracking id at "${config.response.createdTrackingId}"`,
    );
  return { outcome: isDuplicate(res.body, config) ? 'unchanged' : 'created', remoteId: trackingId, trackingId };
}

export async function postResponse(
  config: LaporConfig,
  client: LaporClient,
  trackingId: string,
  response: OutboundResponse,
): Promise<EnsureResult> {
  const o = config.outbound.followUp;
  const body: Record<string, unknown> = {};
  put(body, o.clientRef, response.clientRef);
  put(body, o.text, encodeField(response.text, 'html'));
  put(body, o.by, response.by);
  const at = Date.parse(response.at);
  if (!Number.isNaN(at)) put(body, o.at, formatTimestamp(at, config.timestamps.send, config.timestamps.offset));
  const res = await client.call('followUp', { vars: { trackingId }, body });
  const id = readId(res.body, config.response.followUpId, 'the tindak lanjut id');
  return {
    outcome: isDuplicate(res.body, config) ? 'unchanged' : 'created',
    remoteId: id ?? `${trackingId}:${response.clientRef}`,
    trackingId,
  };
}
