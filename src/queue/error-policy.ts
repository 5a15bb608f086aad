import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { isConnectorError } from '../domain/failures.js';

/**
 * The ONE place that decides what a failure means for a job. Connectors only translate
 * failures into codes; nothing else branches on them.
 */
export type FailureAction =
  | { action: 'retry' } //         BullMQ retries with backoff
  | { action: 'delay'; ms: number; budget?: true } // the remote (or our write budget) asked us to wait: postpone this job only; a budget delay is no failure
  | { action: 'give_up'; reason?: string } // permanent fault, or retried past its horizon: dead-letter now and show the operator
  | { action: 'refuse' } //        the other system said a final "no" to this write: record why, end it, no dead letter
  | { action: 'wait' } //          the record is not ready for this write: wait until it changes, not on a clock
  | { action: 'reset_cursor' }; // the source no longer understands our cursor: start over, then retry

/** Reading (poll, ingest) or writing to another system (push). */
export type Work = 'read' | 'write';

const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

/** How long a job has been tried, and after how long work of its kind stops retrying (push.giveUpAfterMs). */
export interface Horizon {
  triedForMs: number;
  giveUpAfterMs: number;
}

export function decide(err: unknown, work: Work = 'read', horizon?: Horizon): FailureAction {
  const decision = decideByCode(err, work);
  if (!horizon || horizon.triedForMs < horizon.giveUpAfterMs) return decision;
  // Past the horizon a job stops retrying and waits in the dead-letter list for an operator.
  // Waiting for the write budget is not retrying: it never ends a job.
  if (decision.action === 'retry' || (decision.action === 'delay' && !decision.budget))
    return { action: 'give_up', reason: `gave up after ${Math.round(horizon.giveUpAfterMs / 60_000)} min of retries` };
  return decision;
}

function decideByCode(err: unknown, work: Work): FailureAction {
  if (err instanceof UnrecoverableError) return { action: 'give_up' };
  if (!isConnectorError(err)) return { action: 'retry' };
  switch (err.code) {
    case 'TRANSIENT':
      return err.retryAfterMs !== undefined ? { action: 'delay', ms: err.retryAfterMs } : { action: 'retry' };
    case 'RATE_LIMITED':
      return { action: 'delay', ms: err.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS, budget: true };
    case 'CURSOR_INVALID':
      return { action: 'reset_cursor' };
    // Credentials or the address itself are wrong: nothing changes until the operator fixes
    // the configuration, then retries the dead letter.
    case 'AUTH':
    case 'REDIRECTED':
      return { action: 'give_up' };
    // A write the other system refuses for a reason that will not change (a report it has
    // closed, a payload it will never take, a record that does not exist) is its answer,
    // not our fault: retrying it only spends the write budget.
    case 'INVALID_PAYLOAD':
    case 'NOT_FOUND':
      return work === 'write' ? { action: 'refuse' } : { action: 'give_up' };
    case 'CONFLICT':
      return work === 'write' ? { action: 'refuse' } : { action: 'retry' };
    case 'NOT_YET':
      return work === 'write' ? { action: 'wait' } : { action: 'retry' };
  }
}

/** Turns a decision into what BullMQ understands; always throws ("refuse" and "wait" are settled by the caller before this). */
export async function enforce(
  decision: FailureAction,
  err: unknown,
  job: Job,
  token: string | undefined,
  hooks: { resetCursor?: () => Promise<void> } = {},
): Promise<never> {
  const message = err instanceof Error ? err.message : String(err);
  switch (decision.action) {
    case 'give_up':
    case 'refuse':
      if (err instanceof UnrecoverableError) throw err;
      // Keep the original (and its code) as the cause, for the dead-letter entry.
      throw Object.assign(
        new UnrecoverableError(
          decision.action === 'give_up' && decision.reason ? `${decision.reason}: ${message}` : message,
        ),
        { cause: err },
      );
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
    case 'wait':
      throw err;
  }
}
