import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { ConnectorError, ERROR_CODES } from '../../src/domain/failures.js';
import { decide, type Work } from '../../src/queue/error-policy.js';

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
    ['already unrecoverable', new UnrecoverableError('x'), 'write', { action: 'give_up' }],
    ['a plain bug', new TypeError('undefined is not a function'), 'write', { action: 'retry' }],
  ])('%s', (_label, err, work, expected) => {
    expect(decide(err, work)).toEqual(expected);
  });

  it('has a decision for every error code, reading and writing', () => {
    for (const code of ERROR_CODES)
      for (const work of ['read', 'write'] as const)
        expect(decide(new ConnectorError(code, 'x'), work).action).toBeTruthy();
  });
});
