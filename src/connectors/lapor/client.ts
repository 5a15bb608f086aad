import type { Clock } from '../../domain/clock.js';
import { ConnectorError, isConnectorError } from '../../domain/failures.js';
import type { SkewWatch } from '../http/clock-offset.js';
import { createHttpClient, type HttpClient, type Redirected } from '../http/client.js';
import type { EndpointName, LaporConfig } from './config.js';
import { bodyError, compileBodyErrors, envelopeFailure, refineHttpError, type BodyErrorTable } from './errors.js';
import { toForm } from './paths.js';

export interface CallOptions {
  /** Values for {instansiId} {trackingId} {clientRef} in paths, and for their parameters when configured. */
  vars?: { trackingId?: string; clientRef?: string };
  params?: Record<string, unknown>;
  body?: Record<string, unknown>;
  signal?: AbortSignal;
}

export interface LaporResponse {
  status: number;
  body: unknown;
}

/**
 * Speaks LAPOR's configured dialect over the project's one HTTP client: paths, where the
 * token goes, parameter placement, body encoding, and the status:false envelope.
 */
export class LaporClient {
  private readonly http: HttpClient;
  private readonly errors: BodyErrorTable;

  constructor(
    private readonly config: LaporConfig,
    private readonly token: string,
    clock: Clock,
    skew?: SkewWatch,
  ) {
    const auth = config.auth;
    const headers: Record<string, string> = {};
    if (auth.style === 'header') headers[auth.headerName] = token;
    if (auth.style === 'bearer') headers.Authorization = `Bearer ${token}`;
    this.http = createHttpClient({
      system: 'LAPOR',
      baseURL: config.baseUrl,
      timeoutMs: config.timeoutMs,
      maxResponseBytes: config.maxResponseBytes,
      ...(skew ? { skew } : {}),
      headers,
      retryAfterAttempts: config.retryAfter.attempts,
      maxRetryAfterMs: config.retryAfter.maxMs,
      clock,
    });
    this.errors = compileBodyErrors(config.bodyErrors);
  }

  async call(name: EndpointName, options: CallOptions = {}): Promise<LaporResponse> {
    const endpoint = this.config.endpoints[name];
    if (!endpoint)
      throw new ConnectorError('INVALID_PAYLOAD', `LAPOR: endpoint "${name}" is switched off in the configuration`);
    const vars: Record<string, string | undefined> = { instansiId: this.config.instansiId, ...options.vars };
    const url = endpoint.path.replace(/\{(\w+)\}/g, (whole, key: string) => {
      const value = vars[key];
      if (value === undefined)
        throw new ConnectorError('INVALID_PAYLOAD', `LAPOR: no value for ${whole} in ${endpoint.path}`);
      return encodeURIComponent(value);
    });
    const params: Record<string, unknown> = {};
    const p = this.config.params;
    for (const [key, name] of [
      ['instansiId', p.instansiId],
      ['trackingId', p.trackingId],
      ['clientRef', p.clientRef],
    ] as const) {
      if (name !== null && vars[key] !== undefined) params[name] = vars[key];
    }
    Object.assign(params, options.params);
    if (this.config.auth.style === 'keytoken') params[this.config.auth.paramName] = this.token;
    for (const k of Object.keys(params)) if (params[k] === undefined) delete params[k];

    const where = `${endpoint.method} ${endpoint.path}`;
    let res;
    try {
      if (endpoint.method === 'GET') {
        res = await this.http.request({ method: 'GET', url, params, signal: options.signal });
      } else {
        const body = { ...params, ...options.body };
        const form = this.config.bodyEncoding === 'form';
        res = await this.http.request({
          method: 'POST',
          url,
          data: form ? toForm(body).toString() : JSON.stringify(body),
          headers: { 'Content-Type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
          signal: options.signal,
        });
      }
    } catch (err) {
      throw isConnectorError(err) ? refineHttpError(err, this.config.response, this.errors) : err;
    }
    const failure = envelopeFailure(res.data, this.config.response);
    if (failure !== undefined) throw bodyError(failure, where, this.errors);
    return { status: res.status, body: res.data };
  }

  /** The first redirect LAPOR answered with, if any (src/connectors/http/client.ts `addressCheck`). */
  redirected(): Redirected | undefined {
    return this.http.redirected();
  }

  get baseURL(): string {
    return this.http.baseURL;
  }

  /** How far LAPOR's clock is from ours, as its latest answer's `Date` header tells (0 until one is read). */
  serverOffsetMs(): number {
    return this.http.offsetMs();
  }

  close(): void {
    this.http.close();
  }
}
