import { UnrecoverableError, type Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { ConnectorError, ERROR_CODES } from '../../src/domain/failures.js';
import { decide, enforce, type Horizon, type Work } from '../../src/queue/error-policy.js';

describe('the one error → action policy', () => {
  it.each<[string, unknown, Work, ReturnType<typeof decide>]>([
    ['transient', new ConnectorError('TRANSIENT', 'x'), 'read', { action: 'retry' }],
    ['transient write', new ConnectorError('TRANSIENT', 'x'), 'write', { action: 'retry' }],
    [
      'transient with Retry-After (maintenance)',
      new ConnectorError('TRANSIENT', 'x', { retryAfterMs: 120_000 }),
      'write',
      { action: 'delay', ms: 120_000 },
    ],
    [
      'rate limited with Retry-After',
      new ConnectorError('RATE_LIMITED', 'x', { retryAfterMs: 30_000 }),
      'read',
      { action: 'delay', ms: 30_000, budget: true },
    ],
    [
      'our write budget',
      new ConnectorError('RATE_LIMITED', 'x', { retryAfterMs: 12_000 }),
      'write',
      { action: 'delay', ms: 12_000, budget: true },
    ],
    [
      'rate limited without a hint',
      new ConnectorError('RATE_LIMITED', 'x'),
      'read',
      { action: 'delay', ms: 60_000, budget: true },
    ],
    ['auth (read)', new ConnectorError('AUTH', 'x'), 'read', { action: 'give_up' }],
    [
      'auth (write): our fault, the operator must see it',
      new ConnectorError('AUTH', 'x'),
      'write',
      { action: 'give_up' },
    ],
    ['invalid payload (read)', new ConnectorError('INVALID_PAYLOAD', 'x'), 'read', { action: 'give_up' }],
    [
      '422 to a write: a final no',
      new ConnectorError('INVALID_PAYLOAD', 'x', { status: 422 }),
      'write',
      { action: 'refuse' },
    ],
    ['not found (read)', new ConnectorError('NOT_FOUND', 'x'), 'read', { action: 'give_up' }],
    [
      '404 of a record that will not come, to a write',
      new ConnectorError('NOT_FOUND', 'x', { status: 404 }),
      'write',
      { action: 'refuse' },
    ],
    [
      'not yet (a desk report without handling), to a write',
      new ConnectorError('NOT_YET', 'x', { status: 404 }),
      'write',
      { action: 'wait' },
    ],
    ['not yet while reading', new ConnectorError('NOT_YET', 'x'), 'read', { action: 'retry' }],
    ['cursor invalid', new ConnectorError('CURSOR_INVALID', 'x'), 'read', { action: 'reset_cursor' }],
    ['conflict while reading', new ConnectorError('CONFLICT', 'x'), 'read', { action: 'retry' }],
    [
      '409 "laporan berstatus selesai" to a write: a final no',
      new ConnectorError('CONFLICT', 'x', { status: 409 }),
      'write',
      { action: 'refuse' },
    ],
    [
      'a write sent elsewhere by a 301: the address is wrong, the operator fixes it',
      new ConnectorError('REDIRECTED', 'x', { status: 301 }),
      'write',
      { action: 'give_up' },
    ],
    ['already unrecoverable', new UnrecoverableError('x'), 'write', { action: 'give_up' }],
    ['a plain bug', new TypeError('undefined is not a function'), 'write', { action: 'retry' }],
  ])('%s', (_label, err, work, expected) => {
    expect(decide(err, work)).toEqual(expected);
  });

  const HOUR = 3_600_000;
  const within = { triedForMs: HOUR - 1, giveUpAfterMs: HOUR };
  const past = { triedForMs: HOUR, giveUpAfterMs: HOUR };
  const gaveUp = { action: 'give_up', reason: 'gave up after 60 min of retries' } as const;

  it.each<[string, unknown, Horizon, ReturnType<typeof decide>]>([
    ['a fault within the horizon is retried', new ConnectorError('TRANSIENT', 'x'), within, { action: 'retry' }],
    ['a fault past the horizon is given up', new ConnectorError('TRANSIENT', 'x'), past, gaveUp],
    ['a plain bug past the horizon is given up', new TypeError('x'), past, gaveUp],
    [
      'a remote asking to wait, past the horizon, is given up',
      new ConnectorError('TRANSIENT', 'x', { retryAfterMs: 120_000 }),
      past,
      gaveUp,
    ],
    [
      'the write budget never ends a push, however long it waited',
      new ConnectorError('RATE_LIMITED', 'x', { retryAfterMs: 12_000 }),
      { triedForMs: 10 * HOUR, giveUpAfterMs: HOUR },
      { action: 'delay', ms: 12_000, budget: true },
    ],
    ['a final no stays a final no', new ConnectorError('CONFLICT', 'x'), past, { action: 'refuse' }],
    ['not yet stays waiting for the record', new ConnectorError('NOT_YET', 'x'), past, { action: 'wait' }],
    ['already unrecoverable keeps its own message', new UnrecoverableError('x'), past, { action: 'give_up' }],
  ])('push horizon: %s', (_label, err, horizon, expected) => {
    expect(decide(err, 'write', horizon)).toEqual(expected);
  });

  it('names the horizon in the dead-lettered error and keeps the original as its cause', async () => {
    const original = new ConnectorError('TRANSIENT', 'LAPOR 503');
    const thrown = await enforce(decide(original, 'write', past), original, {} as Job, undefined).catch(
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(UnrecoverableError);
    expect((thrown as Error).message).toBe('gave up after 60 min of retries: LAPOR 503');
    expect((thrown as Error).cause).toBe(original);
  });

  it('has a decision for every error code, reading and writing', () => {
    for (const code of ERROR_CODES)
      for (const work of ['read', 'write'] as const)
        expect(decide(new ConnectorError(code, 'x'), work).action).toBeTruthy();
  });
});
