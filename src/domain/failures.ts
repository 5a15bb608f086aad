/**
 * The closed vocabulary of connector failures. Connectors translate every failure into
 * one of these at their edge; ONE policy (src/queue/error-policy.ts) decides what to do.
 * Never branch on message text.
 *
 * NOT_FOUND is a record that is not there and will not come; NOT_YET is a record that is
 * not ready for this write until it changes (a WhatsApp desk report nobody has opened has
 * no handling record to write into). The connector's configuration says which a 404 is.
 * REDIRECTED is a write (or a POST read) the other system sent elsewhere with a redirect that
 * would drop its body: the configured address is not where the API answers.
 */
export const ERROR_CODES = [
  'TRANSIENT',
  'RATE_LIMITED',
  'AUTH',
  'NOT_FOUND',
  'NOT_YET',
  'CURSOR_INVALID',
  'INVALID_PAYLOAD',
  'CONFLICT',
  'REDIRECTED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class ConnectorError extends Error {
  readonly code: ErrorCode;
  /** For RATE_LIMITED / TRANSIENT with a server hint (Retry-After). */
  readonly retryAfterMs?: number;
  /** HTTP status when the failure came from a response. */
  readonly status?: number;

  constructor(
    code: ErrorCode,
    message: string,
    options: { retryAfterMs?: number; status?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ConnectorError';
    this.code = code;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.status !== undefined) this.status = options.status;
  }
}

export function isConnectorError(err: unknown): err is ConnectorError {
  return err instanceof ConnectorError;
}
