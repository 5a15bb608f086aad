import type { Clock } from '../../domain/clock.js';
import type { Status } from '../../domain/status.js';
import { ConnectorError } from '../../domain/failures.js';
import type { Connector, EnsureResult, OutboundComplaint, OutboundResponse } from '../types.js';
import { renderTemplate } from '../common/template.js';
import { toLabel } from '../common/values.js';
import type { Open311Api } from './api.js';
import type { Open311Config } from './config.js';
import {
  createAnswerSchema,
  requestUpdateSchema,
  serviceRequestSchema,
  updateAnswerSchema,
  type RequestUpdate,
} from './schema.js';
import { w3c } from './window.js';

/** How far around a response's time its earlier copy is searched for (servers round or shift times). */
const LOOK_AROUND_MS = 6 * 3600 * 1000;

interface Deps {
  clock: Clock;
  system: string;
}

/**
 * GeoReport write-back: create a request, post a response or a status as a service
 * request update. GeoReport has no field for a LAPOR tracking id, so setTrackingId is absent.
 * Creates cannot be looked up by our reference (the standard has no such filter), so a
 * create is idempotent only through the pipeline's external-id map. Answers and statuses
 * need the servicerequestupdates extension: without `updates.enabled` the source takes
 * forwarded complaints only.
 */
export function open311WriteBack(
  config: Open311Config,
  api: Open311Api,
  deps: Deps,
): Pick<Connector, 'createComplaint' | 'postResponse' | 'updateStatus' | 'mirrorsStatus'> {
  async function current(externalId: string) {
    const raw = await api.request(externalId);
    const parsed = serviceRequestSchema.safeParse(raw);
    if (raw === undefined) throw new ConnectorError('NOT_FOUND', `${deps.system}: request ${externalId} not found`);
    if (!parsed.success)
      throw new ConnectorError('INVALID_PAYLOAD', `${deps.system}: request ${externalId} has an unexpected shape`);
    return parsed.data;
  }

  async function updatesAround(externalId: string, fromMs: number, toMs: number): Promise<RequestUpdate[]> {
    const list = await api.updates(w3c(fromMs), w3c(toMs));
    return list.flatMap((u) => {
      const parsed = requestUpdateSchema.safeParse(u);
      return parsed.success && parsed.data.service_request_id === externalId ? [parsed.data] : [];
    });
  }

  const writes: Required<Pick<Connector, 'createComplaint' | 'postResponse' | 'updateStatus'>> = {
    async createComplaint(complaint: OutboundComplaint): Promise<EnsureResult> {
      const serviceCode =
        (complaint.categoryId ? config.write.serviceCodes[complaint.categoryId] : undefined) ??
        config.write.defaultServiceCode;
      if (!serviceCode)
        throw new ConnectorError(
          'INVALID_PAYLOAD',
          `${deps.system}: no service_code for category ${complaint.categoryId ?? '(none)'} (write.serviceCodes / write.defaultServiceCode)`,
        );
      const address = complaint.location ?? config.write.defaultAddress;
      if (!address)
        throw new ConnectorError(
          'INVALID_PAYLOAD',
          `${deps.system}: GeoReport needs a location and the complaint has none (write.defaultAddress)`,
        );
      const reporter = complaint.anonim ? undefined : complaint.reporter;
      const answer = createAnswerSchema.safeParse(
        await api.postRequest({
          service_code: serviceCode,
          description: complaint.body,
          address_string: address,
          media_url: complaint.attachments[0],
          first_name: reporter?.name,
          email: reporter?.email,
          phone: reporter?.phone,
        }),
      );
      if (!answer.success)
        throw new ConnectorError('INVALID_PAYLOAD', `${deps.system}: POST requests answered without an id or token`);
      const first = answer.data[0]!;
      if (first.service_request_id) return { outcome: 'created', remoteId: first.service_request_id };
      const resolved = first.token
        ? toLabel(
            ((await api.token(first.token))[0] as { service_request_id?: unknown } | undefined)?.service_request_id,
          )
        : undefined;
      // The request exists; its id comes later. Keeping the token avoids a second create.
      return { outcome: 'created', remoteId: resolved ?? `token:${first.token ?? ''}` };
    },

    async postResponse(externalId: string, response: OutboundResponse): Promise<EnsureResult> {
      const request = await current(externalId);
      const at = Date.parse(response.at);
      const around = await updatesAround(
        externalId,
        at - LOOK_AROUND_MS,
        Math.min(at + LOOK_AROUND_MS, deps.clock.now().getTime() + LOOK_AROUND_MS),
      );
      const existing = around.find(
        (u) => u.update_id === response.clientRef || (u.description ?? '').trim() === response.text.trim(),
      );
      if (existing) return { outcome: 'unchanged', remoteId: existing.update_id };
      const answer = updateAnswerSchema.safeParse(
        await api.postUpdate({
          service_request_id: externalId,
          update_id: response.clientRef,
          // The extension requires a status with every update: keep the request's own.
          status: request.status ?? 'open',
          updated_datetime: w3c(at),
          description: response.text,
        }),
      );
      return {
        outcome: 'created',
        remoteId: (answer.success ? answer.data[0]?.update_id : undefined) ?? response.clientRef,
      };
    },

    async updateStatus(externalId: string, canonical: Status): Promise<EnsureResult> {
      const remote = config.write.statusOut[canonical];
      if (remote === undefined)
        throw new ConnectorError(
          'INVALID_PAYLOAD',
          `${deps.system}: no status for canonical "${canonical}" in write.statusOut`,
        );
      const request = await current(externalId);
      const now = deps.clock.now();
      const since = Date.parse(request.updated_datetime ?? request.requested_datetime);
      const updates = Number.isNaN(since) ? [] : await updatesAround(externalId, since - 1000, now.getTime() + 1000);
      const latest = updates.sort((a, b) => Date.parse(a.updated_datetime) - Date.parse(b.updated_datetime)).at(-1);
      const currentStatus = toLabel(latest?.status) ?? toLabel(request.status);
      if (currentStatus?.toLowerCase() === remote.toLowerCase()) return { outcome: 'unchanged', remoteId: externalId };
      await api.postUpdate({
        service_request_id: externalId,
        update_id: `lb-status-${externalId}-${canonical}-${now.getTime()}`,
        status: remote,
        updated_datetime: w3c(now.getTime()),
        description: String(renderTemplate(config.write.statusNote, { status: remote })),
      });
      return { outcome: 'updated', remoteId: externalId };
    },
  };
  const notMirrored = new Set(config.write.notMirrored);
  if (config.updates.enabled) return { ...writes, mirrorsStatus: (canonical) => !notMirrored.has(canonical) };
  return { createComplaint: writes.createComplaint };
}
