import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { ConnectorError, type ErrorCode } from '../../src/domain/failures.js';
import { decide } from '../../src/queue/error-policy.js';

describe('the one error → action policy', () => {
  it.each<[string, unknown, ReturnType<typeof decide>]>([
    ['transient', new ConnectorError('TRANSIENT', 'x'), { action: 'retry' }],
    ['transient with Retry-After (maintenance)', new ConnectorError('TRANSIENT', 'x', { retryAfterMs: 120_000 }), { action: 'delay', ms: 120_000 }],
    ['rate limited with Retry-After', new ConnectorError('RATE_LIMITED', 'x', { retryAfterMs: 30_000 }), { action: 'delay', ms: 30_000 }],
    ['rate limited without a hint', new ConnectorError('RATE_LIMITED', 'x'), { action: 'delay', ms: 60_000 }],
    ['auth', new ConnectorError('AUTH', 'x'), { action: 'give_up' }],
    ['invalid payload', new ConnectorError('INVALID_PAYLOAD', 'x'), { action: 'give_up' }],
    ['not found', new ConnectorError('NOT_FOUND', 'x'), { action: 'give_up' }],
    ['cursor invalid', new ConnectorError('CURSOR_INVALID', 'x'), { action: 'reset_cursor' }],
    ['conflict', new ConnectorError('CONFLICT', 'x'), { action: 'retry' }],
    ['already unrecoverable', new UnrecoverableError('x'), { action: 'give_up' }],
    ['a plain bug', new TypeError('undefined is not a function'), { action: 'retry' }],
  ])('%s', (_label, err, expected) => {
    expect(decide(err)).toEqual(expected);
  });

  it('has a decision for every error code', () => {
    const codes: ErrorCode[] = ['TRANSIENT', 'RATE_LIMITED', 'AUTH', 'NOT_FOUND', 'CURSOR_INVALID', 'INVALID_PAYLOAD', 'CONFLICT'];
    for (const code of codes) expect(decide(new ConnectorError(code, 'x')).action).toBeTruthy();
  });
});
