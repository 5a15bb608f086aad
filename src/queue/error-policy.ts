import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { isConnectorError } from '../domain/failures.js';

/**
 * The ONE place that decides what a failure means for a job. Connectors only translate
 * failures into codes; nothing else branches on them.
 */
export type FailureAction =
  | { action: 'retry' } //         BullMQ retries with backoff
  | { action: 'delay'; ms: number } // the remote asked us to wait: postpone this job only
  | { action: 'give_up' } //       permanent: dead-letter now and show the operator
  | { action: 'reset_cursor' }; // the source no longer understands our cursor: start over, then retry

const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

export function decide(err: unknown): FailureAction {
  if (err instanceof UnrecoverableError) return { action: 'give_up' };
  if (!isConnectorError(err)) return { action: 'retry' };
  switch (err.code) {
    case 'TRANSIENT':
      return err.retryAfterMs !== undefined ? { action: 'delay', ms: err.retryAfterMs } : { action: 'retry' };
    case 'RATE_LIMITED':
      return { action: 'delay', ms: err.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS };
    case 'CURSOR_INVALID':
      return { action: 'reset_cursor' };
    case 'AUTH':
    case 'INVALID_PAYLOAD':
    case 'NOT_FOUND':
      return { action: 'give_up' };
    case 'CONFLICT':
      return { action: 'retry' };
  }
}

/** Turns a decision into what BullMQ understands; always throws. */
export async function enforce(decision: FailureAction, err: unknown, job: Job, token: string | undefined, hooks: { resetCursor?: () => Promise<void> } = {}): Promise<never> {
  const message = err instanceof Error ? err.message : String(err);
  switch (decision.action) {
    case 'give_up':
      if (err instanceof UnrecoverableError) throw err;
      // Keep the original (and its code) as the cause, for the dead-letter entry.
      throw Object.assign(new UnrecoverableError(message), { cause: err });
    case 'delay':
      if (token) {
        await job.moveToDelayed(Date.now() + Math.max(1000, decision.ms), token);
        throw new DelayedError();
      }
      throw err;
    case 'reset_cursor':
      await hooks.resetCursor?.();
      throw err;
    case 'retry':
      throw err;
  }
}
