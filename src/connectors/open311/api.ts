import { ConnectorError } from '../../domain/failures.js';
import type { Authenticator } from '../http/auth.js';
import type { Open311Config } from './config.js';

/** GeoReport v2 resources as plain calls; bodies are returned unvalidated (the caller validates per record). */
export interface Open311Api {
  services(signal?: AbortSignal): Promise<unknown[]>;
  requests(startIso: string, endIso: string, signal?: AbortSignal): Promise<unknown[]>;
  request(id: string, signal?: AbortSignal): Promise<unknown | undefined>;
  updates(startIso: string, endIso: string, signal?: AbortSignal): Promise<unknown[]>;
  token(token: string): Promise<unknown[]>;
  postRequest(fields: Record<string, string | undefined>): Promise<unknown>;
  postUpdate(fields: Record<string, string | undefined>): Promise<unknown>;
}

export function createOpen311Api(config: Open311Config, auth: Authenticator, secret: (env: string) => string | undefined, system: string): Open311Api {
  const path = (resource: string) => `${resource}${config.formatSuffix}`;
  const jurisdiction = config.jurisdictionId ? { jurisdiction_id: config.jurisdictionId } : {};

  async function list(url: string, params: Record<string, string>, signal?: AbortSignal): Promise<unknown[]> {
    const { data } = await auth.request({ method: 'GET', url, params: { ...jurisdiction, ...params }, signal });
    if (!Array.isArray(data)) throw new ConnectorError('INVALID_PAYLOAD', `${system}: GET ${url} did not answer with a list`);
    return data;
  }

  async function post(url: string, fields: Record<string, string | undefined>): Promise<unknown> {
    const form = new URLSearchParams();
    const apiKey = config.apiKeyEnv ? secret(config.apiKeyEnv) : undefined;
    if (config.apiKeyEnv && !apiKey) throw new ConnectorError('AUTH', `${system}: secret ${config.apiKeyEnv} is not set`);
    for (const [k, v] of Object.entries({ ...jurisdiction, api_key: apiKey, ...fields })) if (v !== undefined && v !== '') form.set(k, v);
    const { data } = await auth.request({ method: 'POST', url, data: form.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    return data;
  }

  return {
    services: (signal) => list(path('/services'), {}, signal),
    requests: (start_date, end_date, signal) => list(path('/requests'), { start_date, end_date }, signal),
    async request(id, signal) {
      // GeoReport answers a single request as a list of one.
      const found = await list(path(`/requests/${encodeURIComponent(id)}`), {}, signal);
      return found[0];
    },
    updates: (start_date, end_date, signal) => list(path('/servicerequestupdates'), { start_date, end_date }, signal),
    token: (token) => list(path(`/tokens/${encodeURIComponent(token)}`), {}),
    postRequest: (fields) => post(path('/requests'), fields),
    postUpdate: (fields) => post(path('/servicerequestupdates'), fields),
  };
}
