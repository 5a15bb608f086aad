import { isConnectorError } from '../domain/failures.js';
import type { FailureAction } from './error-policy.js';

export interface FailureLog {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  /** What it means for the operator: what the bridge does next and what, if anything, to do. */
  meaning: string;
  /** A remote's refusal as `error` (code and message); an unexpected error as `err`, with its stack. */
  fields: { error: unknown } | { err: unknown };
}

/** A connector error as the operator needs it (code and message, no stack trace); anything else kept whole for its stack. */
export function errorFields(err: unknown): { error: unknown } | { err: unknown } {
  return isConnectorError(err)
    ? { error: { code: err.code, message: err.message, ...(err.status !== undefined ? { status: err.status } : {}) } }
    : { err };
}

/**
 * How a failed attempt is logged, from the one decision about it (`decide()`). Waiting for a
 * remote that asked to wait, or for the next minute of a write budget, is the plan working,
 * not a warning (debug; /metrics counts them as "waiting"); a retry is a warning that says it is being retried; giving up is an error
 * that says where the work went.
 */
export function failureLog(decision: FailureAction, err: unknown): FailureLog {
  switch (decision.action) {
    case 'delay':
      return {
        level: 'debug',
        message: 'job waits before its next attempt',
        meaning: `the remote asked to wait, or this minute's write budget is used; it runs again in about ${Math.ceil(decision.ms / 1000)} s by itself`,
        fields: errorFields(err),
      };
    case 'retry':
      return {
        level: 'warn',
        message: 'job failed; retrying with backoff',
        meaning:
          'usually a passing fault of the remote; act only if it keeps failing (lapor-bridge status, lapor-bridge dlq list)',
        fields: errorFields(err),
      };
    case 'reset_cursor':
      return {
        level: 'warn',
        message: 'source no longer accepts the saved position; reading it again from the start',
        meaning: 'complaints already in the ledger are not duplicated; nothing to do',
        fields: errorFields(err),
      };
    case 'refuse':
      return {
        level: 'info',
        message: 'write refused by the destination; not retried',
        meaning:
          isConnectorError(err) && err.code === 'INVALID_PAYLOAD'
            ? 'the write cannot be made as configured (a value this source has no mapping for, or one it does not take); its reason is in the send state, a status waits in triage; add the mapping to the source config'
            : 'the other system gave a final answer (its reason is in the send state); nothing to retry, nothing in the dead-letter list',
        fields: errorFields(err),
      };
    case 'wait':
      return {
        level: 'info',
        message: 'write waits until the record changes',
        meaning:
          'the record is not ready for this write yet; it runs again when the next poll brings the record changed',
        fields: errorFields(err),
      };
    case 'give_up':
      return {
        level: 'error',
        message: 'job failed for good',
        meaning:
          'it is not retried; it waits in the dead-letter list (lapor-bridge dlq list) until the cause is fixed and it is resent (lapor-bridge dlq retry KEY)',
        fields: errorFields(err),
      };
  }
}
