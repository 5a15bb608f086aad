import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import axios, { AxiosError, type AxiosInstance, type AxiosRequestConfig } from 'axios';
import type { Clock } from '../../domain/clock.js';
import { ConnectorError } from '../../domain/failures.js';
import type { HealthCheckResult } from '../types.js';
import { clockOffsetMs, type SkewWatch } from './clock-offset.js';
import { proxyOption, routeCheck } from './egress.js';
import { spendRequest } from './request-budget.js';
import { parseRetryAfter } from './retry-after.js';
import { translateHttpError } from './translate.js';

export const USER_AGENT = 'lapor-bridge/0.1 (+https://github.com/lapor-bridge)';

export interface HttpClientOptions {
  /** Name used in error messages, e.g. "LAPOR". */
  system: string;
  baseURL: string;
  timeoutMs: number;
  headers?: Record<string, string>;
  /** Honour Retry-After on 429/503 at most this many times per request... */
  retryAfterAttempts: number;
  /** ...and only when the server asks for at most this long; longer waits go to the queue. */
  maxRetryAfterMs: number;
  /** Larger answers (and request bodies) are refused as INVALID_PAYLOAD, never retried. Default 20 MiB. */
  maxResponseBytes?: number;
  /** Told the `Date` of every answer: warns when the source's clock is further off than its windows allow. */
  skew?: SkewWatch;
  clock: Clock;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 20 * 1024 * 1024;

/**
 * The one HTTP client for connectors: timeouts, keep-alive, User-Agent, bounded Retry-After
 * on 429/503. Every other retry is left to the queue. All failures become ConnectorError.
 */
export interface HttpClient {
  /** JSON bodies are parsed; with `responseType: 'arraybuffer'` the body comes back as a Buffer. */
  request<T = unknown>(
    config: AxiosRequestConfig & { signal?: AbortSignal },
  ): Promise<{ status: number; data: T; headers: Record<string, unknown> }>;
  /**
   * How far the source's clock was from ours at its latest answer (its `Date` header; 0 until
   * one is read). Positive: the source is ahead. Windows on the source's own time use it.
   */
  offsetMs(): number;
  /** The first redirect this client was answered with, if any: the configured address is not where the API answers. */
  redirected(): Redirected | undefined;
  /** The address requests are relative to. */
  readonly baseURL: string;
  close(): void;
}

export interface Redirected {
  /** Method and path asked, e.g. "GET /api/v1/topics". */
  where: string;
  status: number;
  /** Scheme, host and path it was sent to (src/connectors/http/client.ts `addressOnly`). */
  to: string;
  /** To another origin: not followed. */
  elsewhere: boolean;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 16 });
  const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 16 });
  const instance: AxiosInstance = axios.create({
    baseURL: options.baseURL,
    timeout: options.timeoutMs,
    httpAgent,
    httpsAgent,
    // HTTPS_PROXY / HTTP_PROXY / NO_PROXY as axios reads them; loopback never (./egress.ts).
    proxy: proxyOption(options.baseURL),
    headers: { 'User-Agent': USER_AGENT, Accept: 'application/json', ...options.headers },
    maxRedirects: 3,
    maxContentLength: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    maxBodyLength: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    // Status handling is ours: only 2xx is success.
    validateStatus: (s) => s >= 200 && s < 300,
    // Keep the raw text so a truncated JSON or an HTML page with 200 is detected, not half-parsed.
    transformResponse: [(data: unknown) => data],
    responseType: 'text',
  });

  let offset = 0;
  let redirected: Redirected | undefined;

  async function request<T>(config: AxiosRequestConfig & { signal?: AbortSignal }) {
    for (let attempt = 0; ; attempt++) {
      spendRequest(options.system);
      let refused: ConnectorError | undefined;
      try {
        const sentAt = options.clock.now().getTime();
        const res = await instance.request<string>({
          ...config,
          beforeRedirect: (_next, answer, asked) => {
            const { statusCode: status, headers } = answer;
            const elsewhere = !sameOrigin(asked.url, headers.location);
            redirected ??= { where: whereOf(config), status, to: addressOnly(headers.location), elsewhere };
            refused = refusedRedirect(options.system, config, { status, location: headers.location, elsewhere });
            if (refused) throw refused;
          },
        });
        const receivedAt = options.clock.now().getTime();
        const headers = res.headers as Record<string, unknown>;
        offset =
          (options.skew
            ? options.skew.observe(headers, sentAt, receivedAt)
            : clockOffsetMs(headers.date, sentAt, receivedAt)) ?? offset;
        // responseType 'arraybuffer': the caller decodes (a charset or format of its own, e.g. GeoReport XML in Latin-1).
        const data =
          config.responseType === 'arraybuffer'
            ? (res.data as T)
            : parseJsonBody<T>(res.data, options.system, `${config.method ?? 'GET'} ${config.url ?? ''}`);
        return { status: res.status, data, headers: res.headers as Record<string, unknown> };
      } catch (err) {
        if (refused) throw refused;
        const status = err instanceof AxiosError ? err.response?.status : undefined;
        const wait = parseRetryAfter(
          err instanceof AxiosError ? err.response?.headers['retry-after'] : undefined,
          options.clock.now(),
        );
        const politeRetry =
          (status === 429 || status === 503) &&
          wait !== undefined &&
          wait <= options.maxRetryAfterMs &&
          attempt < options.retryAfterAttempts;
        if (!politeRetry) throw translateHttpError(err, options.system, options.clock.now());
        await options.clock.sleep(wait, config.signal);
      }
    }
  }

  return {
    request,
    offsetMs: () => offset,
    redirected: () => redirected,
    baseURL: options.baseURL,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

function sendsBody(method: string | undefined): boolean {
  return !/^(GET|HEAD)$/i.test(method ?? 'GET');
}

/**
 * The redirects a connector's request follows: within its origin (scheme, host, port), so
 * that its credentials (a token header, an API key, a token in the query the Location may
 * repeat) never reach another; and a request with a body only through 307/308 (the same
 * request, body and all) or 303 (done; here is the result). On a 301 or 302 a POST would be
 * sent on as a GET without its body, and whatever that GET answers would be taken for the
 * write's answer (an answer "sent" that LAPOR never got).
 */
function refusedRedirect(
  system: string,
  config: AxiosRequestConfig,
  to: { status: number; location: string | undefined; elsewhere: boolean },
): ConnectorError | undefined {
  const { status, location } = to;
  const where = `${system}: ${whereOf(config)} answered ${status} to ${addressOnly(location)}`;
  const fix = `Set the source's baseUrl to where its API answers now, then retry it (lapor-bridge dlq retry KEY).`;
  if (to.elsewhere)
    return new ConnectorError(
      'REDIRECTED',
      `${where}, another origin: a request is not sent on to another scheme, host or port (its credentials would go with it). ${fix}`,
      { status },
    );
  if (!sendsBody(config.method) || status === 303 || status === 307 || status === 308) return undefined;
  return new ConnectorError(
    'REDIRECTED',
    `${where}; a request with a body is not sent on through a ${status} (it would arrive as a GET without its body). ${fix}`,
    { status },
  );
}

function sameOrigin(from: string, location: string | undefined): boolean {
  try {
    return new URL(location ?? '', from).origin === new URL(from).origin;
  } catch {
    return false;
  }
}

function whereOf(config: AxiosRequestConfig): string {
  return `${(config.method ?? 'GET').toUpperCase()} ${(config.url ?? '').split('?')[0]}`;
}

/**
 * What `check` says of the source's address: when it redirects (nothing goes on to another
 * origin, and writes with a body stop at a 301/302, REDIRECTED, so the configured address
 * should be where the API answers), and the way there when the environment names a proxy.
 */
export function addressCheck(http: Pick<HttpClient, 'redirected' | 'baseURL'>): HealthCheckResult[] {
  return [...redirectCheck(http.redirected()), ...routeCheck(http.baseURL)];
}

function redirectCheck(seen: Redirected | undefined): HealthCheckResult[] {
  if (!seen) return [];
  const what = seen.elsewhere
    ? 'requests are not sent on to another origin'
    : 'reads follow, but writes are not sent through a 301/302';
  return [
    {
      check: 'address',
      ok: false,
      detail: `${seen.where} was redirected (${seen.status}) to ${seen.to}: ${what}; set baseUrl to where the API answers`,
    },
  ];
}

/** Scheme, host and path of an address, never its query or credentials. */
function addressOnly(location: string | undefined): string {
  if (!location) return '(no Location)';
  try {
    const url = new URL(location, 'http://relative.invalid');
    return url.host === 'relative.invalid' ? url.pathname : `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return '(an unreadable Location)';
  }
}

/** 2xx bodies must be JSON; an HTML maintenance page or a cut-off body is a transient failure. */
export function parseJsonBody<T>(text: string, system: string, where: string): T {
  if (text === '' || text === undefined) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    const looksHtml = /^\s*</.test(text);
    const what = looksHtml ? 'an HTML page instead of JSON' : 'malformed or truncated JSON';
    throw new ConnectorError('TRANSIENT', `${system}: ${where.split('?')[0]} returned ${what} (${text.length} bytes)`);
  }
}
