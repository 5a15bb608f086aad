import { AxiosError, type AxiosResponse } from 'axios';
import { ConnectorError, type ErrorCode } from '../../domain/failures.js';
import { parseRetryAfter } from './retry-after.js';

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'ERR_BAD_RESPONSE',
  'ERR_CANCELED',
]);

export function codeForStatus(status: number): ErrorCode {
  if (status === 401 || status === 403) return 'AUTH';
  if (status === 404 || status === 410) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  // A redirect not followed (a write's 301/302, one without a Location): the address is wrong.
  if (status >= 300 && status < 400) return 'REDIRECTED';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500 || status === 408) return 'TRANSIENT';
  return 'INVALID_PAYLOAD';
}

/** Short, secret-free description of a response body for error messages. */
function bodyHint(response: AxiosResponse): string {
  const data: unknown = response.data;
  const text =
    typeof data === 'string' ? data : Buffer.isBuffer(data) ? data.toString('utf8') : JSON.stringify(data ?? '');
  return text.replace(/\s+/g, ' ').slice(0, 160);
}

/** Translates anything axios throws into a ConnectorError; the request URL path is kept, never query or headers. */
export function translateHttpError(err: unknown, system: string, now = new Date()): ConnectorError {
  if (err instanceof ConnectorError) return err;
  if (!(err instanceof AxiosError)) {
    return new ConnectorError('TRANSIENT', `${system}: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  const where = `${err.config?.method?.toUpperCase() ?? 'GET'} ${(err.config?.url ?? '').split('?')[0]}`;
  if (err.response) {
    const status = err.response.status;
    const retryAfterMs = parseRetryAfter(err.response.headers['retry-after'], now);
    return new ConnectorError(
      codeForStatus(status),
      `${system}: ${where} answered ${status}: ${bodyHint(err.response)}`,
      { status, retryAfterMs, cause: err },
    );
  }
  // axios names an answer over maxContentLength (or a body over maxBodyLength) only in its
  // message, under codes it also uses for broken connections: not a passing fault.
  const tooLarge = /maxContentLength size of \d+ exceeded/.test(err.message)
    ? 'answer'
    : /larger than maxBodyLength/.test(err.message)
      ? 'request body'
      : undefined;
  if (tooLarge) {
    const limit = tooLarge === 'answer' ? err.config?.maxContentLength : err.config?.maxBodyLength;
    return new ConnectorError(
      'INVALID_PAYLOAD',
      `${system}: ${where} ${tooLarge} is over the ${limit ?? ''}-byte size limit (maxResponseBytes); refused, not retried`,
      { cause: err },
    );
  }
  const code = err.code ?? 'UNKNOWN';
  const kind = NETWORK_CODES.has(code) ? 'network error' : 'request failed';
  return new ConnectorError('TRANSIENT', `${system}: ${where} ${kind} (${code})`, { cause: err });
}
