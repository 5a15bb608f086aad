import { ConnectorError, isConnectorError } from '../../domain/failures.js';
import type { Authenticator } from '../http/auth.js';
import { decodeBody, type Open311Format } from './body.js';
import type { Open311Config } from './config.js';

/** GeoReport v2 resources as plain calls; bodies are returned unvalidated (the caller validates per record). */
export interface Open311Api {
  services(signal?: AbortSignal): Promise<unknown[]>;
  requests(startW3c: string, endW3c: string, signal?: AbortSignal): Promise<unknown[]>;
  request(id: string, signal?: AbortSignal): Promise<unknown | undefined>;
  updates(startW3c: string, endW3c: string, signal?: AbortSignal): Promise<unknown[]>;
  token(token: string): Promise<unknown[]>;
  postRequest(fields: Record<string, string | undefined>): Promise<unknown>;
  postUpdate(fields: Record<string, string | undefined>): Promise<unknown>;
  /** The format in use: configured, or found by the first answer (auto). */
  format(): Open311Format | undefined;
}

const ACCEPT: Record<Open311Format | 'auto', string> = {
  json: 'application/json',
  xml: 'application/xml, text/xml',
  auto: 'application/json, application/xml;q=0.9, text/xml;q=0.9',
};

/** Answers that mean "not in this format here" rather than "this failed". */
const wrongFormat = (err: unknown) =>
  isConnectorError(err) && err.status !== undefined && [400, 404, 406, 415, 501].includes(err.status);

export function createOpen311Api(
  config: Open311Config,
  auth: Authenticator,
  secret: (env: string) => string | undefined,
  system: string,
): Open311Api {
  const jurisdiction = config.jurisdictionId ? { jurisdiction_id: config.jurisdictionId } : {};
  // auto: JSON is tried first (most servers), XML when the server refuses it; what works is kept.
  let format: Open311Format | undefined = config.format === 'auto' ? undefined : config.format;

  async function send(
    method: 'GET' | 'POST',
    resource: string,
    as: Open311Format | undefined,
    options: { params?: Record<string, string>; data?: string; signal?: AbortSignal },
  ): Promise<unknown> {
    const url = config.formatSuffix && as ? `${resource}.${as}` : resource;
    const res = await auth.request<Buffer>({
      method,
      url,
      responseType: 'arraybuffer',
      headers: {
        Accept: ACCEPT[as ?? 'auto'],
        ...(method === 'POST' ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(options.params
        ? { params: { ...jurisdiction, ...options.params } }
        : method === 'GET'
          ? { params: jurisdiction }
          : {}),
      ...(options.data !== undefined ? { data: options.data } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const decoded = decodeBody(
      Buffer.isBuffer(res.data) ? res.data : Buffer.from(String(res.data ?? '')),
      String(res.headers['content-type'] ?? ''),
      system,
      `${method} ${url}`,
    );
    if (format === undefined && decoded.data !== undefined) format = decoded.format;
    return decoded.data;
  }

  async function call(
    method: 'GET' | 'POST',
    resource: string,
    options: { params?: Record<string, string>; data?: string; signal?: AbortSignal } = {},
  ): Promise<unknown> {
    if (format !== undefined || !config.formatSuffix) return send(method, resource, format, options);
    try {
      return await send(method, resource, 'json', options);
    } catch (err) {
      if (!wrongFormat(err)) throw err;
      const answer = await send(method, resource, 'xml', options);
      format = 'xml';
      return answer;
    }
  }

  async function list(resource: string, params: Record<string, string>, signal?: AbortSignal): Promise<unknown[]> {
    const data = await call('GET', resource, { params, ...(signal ? { signal } : {}) });
    if (data === undefined) return [];
    if (!Array.isArray(data))
      throw new ConnectorError('INVALID_PAYLOAD', `${system}: GET ${resource} did not answer with a list`);
    return data;
  }

  async function post(resource: string, fields: Record<string, string | undefined>): Promise<unknown> {
    // The api_key is only ever sent here, so only a source that writes needs it.
    const apiKey = config.apiKeyEnv ? secret(config.apiKeyEnv) : undefined;
    if (config.apiKeyEnv && !apiKey)
      throw new ConnectorError(
        'AUTH',
        `${system}: secret ${config.apiKeyEnv} is not set; GeoReport needs its api_key to write`,
      );
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...jurisdiction, api_key: apiKey, ...fields }))
      if (v !== undefined && v !== '') form.set(k, v);
    return call('POST', resource, { data: form.toString() });
  }

  return {
    services: (signal) => list('/services', {}, signal),
    requests: (start_date, end_date, signal) => list('/requests', { start_date, end_date }, signal),
    async request(id, signal) {
      // GeoReport answers a single request as a list of one.
      const found = await list(`/requests/${encodeURIComponent(id)}`, {}, signal);
      return found[0];
    },
    updates: (start_date, end_date, signal) => list('/servicerequestupdates', { start_date, end_date }, signal),
    token: (token) => list(`/tokens/${encodeURIComponent(token)}`, {}),
    postRequest: (fields) => post('/requests', fields),
    postUpdate: (fields) => post('/servicerequestupdates', fields),
    format: () => format,
  };
}
