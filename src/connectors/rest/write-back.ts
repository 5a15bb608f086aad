import type { Clock } from '../../domain/clock.js';
import type { Status } from '../../domain/status.js';
import { ConnectorError, isConnectorError } from '../../domain/failures.js';
import type { Authenticator } from '../http/auth.js';
import type { Connector, EnsureResult, OutboundComplaint } from '../types.js';
import { getPath, withAppended } from '../common/dot-path.js';
import { encodeField, type FieldFormat } from '../common/field-encoding.js';
import { toForm } from '../common/form.js';
import { renderPath, renderTemplate, type TemplateVars } from '../common/template.js';
import { toId, toLabel, toText } from '../common/values.js';
import type { WriteBackConfig } from './config-write.js';

type Look = NonNullable<WriteBackConfig['trackingId']>['look'];
type Send = NonNullable<WriteBackConfig['trackingId']>['send'];
type WriteMethods = Pick<
  Connector,
  'createComplaint' | 'postResponse' | 'setTrackingId' | 'updateStatus' | 'mirrorsStatus'
>;

export interface WriteDeps {
  auth: Authenticator;
  clock: Clock;
  system: string;
}

const same = (a: string | undefined, b: string) => a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * ensure*-style write-back through configured endpoints: look, then create / update /
 * nothing. Only the operations configured exist on the connector, so the pipeline can
 * tell "this system cannot take a tracking id" from "it failed".
 */
export function writeBackMethods(config: WriteBackConfig, deps: WriteDeps): Partial<WriteMethods> {
  const vars = (extra: TemplateVars): TemplateVars => ({ now: deps.clock.now().toISOString(), ...extra });

  async function look(spec: Look, v: TemplateVars): Promise<unknown> {
    const query = Object.fromEntries(Object.entries(spec.query).map(([k, t]) => [k, renderTemplate(t, v)]));
    try {
      const { data } = await deps.auth.request({ method: 'GET', url: renderPath(spec.path, v), params: query });
      return spec.docPath ? getPath(data, spec.docPath) : data;
    } catch (err) {
      if (spec.missing === 'not_yet' && isConnectorError(err) && err.code === 'NOT_FOUND')
        throw new ConnectorError(
          'NOT_YET',
          `${deps.system}: record ${String(v.externalId ?? '')} is not ready for this write yet (${err.message})`,
          { cause: err },
        );
      throw err;
    }
  }

  async function send(spec: Send, v: TemplateVars, looked: unknown, listPath?: string): Promise<unknown> {
    let body = renderTemplate(spec.body ?? {}, v);
    const doc =
      looked !== null && typeof looked === 'object' && !Array.isArray(looked)
        ? (looked as Record<string, unknown>)
        : {};
    if (spec.mode === 'merge') body = { ...doc, ...(body as Record<string, unknown>) };
    if (spec.mode === 'append') body = withAppended(doc, listPath!, body);
    const { data } = await deps.auth.request({
      method: spec.method,
      url: renderPath(spec.path, v),
      data: spec.form ? toForm(body).toString() : body,
      headers: { 'Content-Type': spec.form ? 'application/x-www-form-urlencoded' : 'application/json' },
    });
    return data;
  }

  function listIn(doc: unknown, listPath: string | undefined, what: string): unknown[] {
    const list = listPath ? getPath(doc, listPath) : doc;
    if (list === undefined || list === null) return [];
    if (!Array.isArray(list))
      throw new ConnectorError(
        'INVALID_PAYLOAD',
        `${deps.system}: ${what} lookup did not give a list at ${listPath ?? 'the document'}`,
      );
    return list;
  }

  const methods: Partial<WriteMethods> = {};
  const { trackingId, status, response, create } = config;

  if (trackingId) {
    methods.setTrackingId = async (externalId: string, value: string): Promise<EnsureResult> => {
      const v = vars({ externalId, trackingId: value });
      const doc = await look(trackingId.look, v);
      const current = toId(getPath(doc, trackingId.valuePath));
      if (current === value) return { outcome: 'unchanged', remoteId: externalId, trackingId: value };
      // Someone typed a different id by hand: overwriting it silently could hide a wrong link.
      if (current !== undefined)
        throw new ConnectorError(
          'CONFLICT',
          `${deps.system}: record ${externalId} already has LAPOR tracking id ${current}, not ${value}`,
        );
      await send(trackingId.send, v, doc);
      return { outcome: 'updated', remoteId: externalId, trackingId: value };
    };
  }

  if (status) {
    const notMirrored = new Set(status.notMirrored);
    methods.mirrorsStatus = (canonical: Status) => !notMirrored.has(canonical);
    methods.updateStatus = async (externalId: string, canonical: Status): Promise<EnsureResult> => {
      const remote = status.map[canonical];
      if (remote === undefined)
        throw new ConnectorError(
          'INVALID_PAYLOAD',
          `${deps.system}: no status for canonical "${canonical}" in writeBack.status.map`,
        );
      const v = vars({ externalId, status: remote, canonical });
      const doc = await look(status.look, v);
      if (same(toLabel(getPath(doc, status.valuePath)), remote)) return { outcome: 'unchanged', remoteId: externalId };
      await send(status.send, v, doc);
      return { outcome: 'updated', remoteId: externalId };
    };
  }

  if (response) {
    methods.postResponse = async (externalId, answer): Promise<EnsureResult> => {
      const text = encodeField(answer.text, config.textFormat);
      const v = vars({ externalId, clientRef: answer.clientRef, text, by: answer.by, at: answer.at });
      const doc = await look(response.look, v);
      const key = response.matchOn === 'clientRef' ? answer.clientRef : text;
      const found = listIn(doc, response.listPath, 'response').find(
        (item) => toText(getPath(item, response.matchPath))?.trim() === key.trim(),
      );
      const idOf = (item: unknown) =>
        (response.itemIdPath ? toId(getPath(item, response.itemIdPath)) : undefined) ?? answer.clientRef;
      if (found !== undefined) return { outcome: 'unchanged', remoteId: idOf(found) };
      const answerBody = await send(response.send, v, doc, response.listPath);
      const created = response.idPath ? toId(getPath(answerBody, response.idPath)) : undefined;
      return { outcome: 'created', remoteId: created ?? answer.clientRef };
    };
  }

  if (create) {
    methods.createComplaint = async (complaint: OutboundComplaint): Promise<EnsureResult> => {
      const v = vars(createVars(complaint, config.textFormat));
      if (create.look) {
        let doc: unknown;
        try {
          doc = await look(create.look, v);
        } catch (err) {
          if (!(isConnectorError(err) && err.code === 'NOT_FOUND')) throw err;
        }
        const found = listIn(doc, create.listPath, 'create').find(
          (item) => toText(getPath(item, create.matchPath!))?.trim() === complaint.clientRef,
        );
        const foundId = found === undefined ? undefined : toId(getPath(found, create.itemIdPath!));
        if (foundId !== undefined) return { outcome: 'unchanged', remoteId: foundId };
      }
      const answer = await send(create.send, v, undefined);
      const remoteId = toId(getPath(answer, create.idPath));
      if (remoteId === undefined)
        throw new ConnectorError(
          'INVALID_PAYLOAD',
          `${deps.system}: create answered without an id at ${create.idPath}`,
        );
      return { outcome: 'created', remoteId };
    };
  }
  return methods;
}

function createVars(c: OutboundComplaint, format: FieldFormat): TemplateVars {
  // Defence in depth: an anonymous complaint never carries identity, whatever the caller passed.
  const reporter = c.anonim ? undefined : c.reporter;
  return {
    clientRef: c.clientRef,
    classification: c.classification,
    title: c.title === undefined ? undefined : encodeField(c.title, format),
    body: encodeField(c.body, format),
    categoryId: c.categoryId,
    location: c.location,
    anonim: c.anonim,
    rahasia: c.rahasia,
    reportedAt: c.reportedAt,
    reporterName: reporter?.name,
    reporterPhone: reporter?.phone,
    reporterEmail: reporter?.email,
    attachments: c.attachments,
    firstAttachment: c.attachments[0],
  };
}
