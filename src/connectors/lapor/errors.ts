import { AxiosError } from 'axios';
import { ConnectorError, type ErrorCode } from '../../domain/failures.js';
import type { LaporConfig } from './config.js';
import { pick } from './paths.js';

/**
 * LAPOR-specific error translation. The HTTP client already maps statuses and network
 * failures; LAPOR adds answers that carry their meaning only in the body: a 200 with
 * {"status":false,"message":"token invalid"}, or a 400/422 whose message is about the token.
 * The remote gives no code, so its message is matched against a configurable table here,
 * at the edge, and nowhere else.
 */
export interface BodyErrorTable {
  classify(message: string): ErrorCode | undefined;
}

export function compileBodyErrors(rows: LaporConfig['bodyErrors']): BodyErrorTable {
  const compiled = rows.map((r) => ({ pattern: new RegExp(r.match, 'i'), code: r.code }));
  return { classify: (message) => compiled.find((r) => r.pattern.test(message))?.code };
}

function shortMessage(message: unknown): string {
  return (typeof message === 'string' ? message : JSON.stringify(message ?? '')).replace(/\s+/g, ' ').slice(0, 160);
}

/** Whether a parsed 2xx body says "failed" in LAPOR's envelope; returns the message, or undefined when it is a success. */
export function envelopeFailure(body: unknown, response: LaporConfig['response']): string | undefined {
  if (response.ok === null) return undefined;
  const ok = pick(body, response.ok);
  const failed = ok === false || ok === 0 || ok === 'false' || ok === '0';
  if (!failed) return undefined;
  return shortMessage(pick(body, response.message) ?? 'no message');
}

/** A status:false answer becomes a coded error; an unrecognised message is treated as transient. */
export function bodyError(message: string, where: string, table: BodyErrorTable): ConnectorError {
  const code = table.classify(message) ?? 'TRANSIENT';
  return new ConnectorError(code, `LAPOR: ${where} answered status:false: ${message}`);
}

const CODED_BY_STATUS = new Set([401, 403, 404, 409, 429]);

/** 4xx answers whose status says little (400, 422…) are refined by the message in their body. */
export function refineHttpError(
  err: ConnectorError,
  response: LaporConfig['response'],
  table: BodyErrorTable,
): ConnectorError {
  if (err.status === undefined || err.status < 400 || err.status >= 500 || CODED_BY_STATUS.has(err.status)) return err;
  const data: unknown = err.cause instanceof AxiosError ? err.cause.response?.data : undefined;
  if (typeof data !== 'string') return err;
  let body: unknown;
  try {
    body = JSON.parse(data);
  } catch {
    return err;
  }
  const message = pick(body, response.message);
  const code = typeof message === 'string' ? table.classify(message) : undefined;
  if (!code || code === err.code) return err;
  return new ConnectorError(code, err.message, {
    status: err.status,
    cause: err.cause,
    ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}),
  });
}
