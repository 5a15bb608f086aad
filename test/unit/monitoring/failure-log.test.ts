import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../../../src/domain/failures.js';
import { decide } from '../../../src/queue/error-policy.js';
import { failureLog } from '../../../src/queue/failure-log.js';

describe('how a failed attempt is logged', () => {
  it.each([
    [
      'a write budget used for this minute',
      new ConnectorError('RATE_LIMITED', 'lapor: more than 60 writes this minute', { retryAfterMs: 20_000 }),
      'debug',
      /runs again in about 20 s/,
    ],
    [
      'a remote that sent Retry-After',
      new ConnectorError('TRANSIENT', 'HTTP 503', { retryAfterMs: 5_000, status: 503 }),
      'debug',
      /by itself/,
    ],
    ['a passing fault', new ConnectorError('TRANSIENT', 'ECONNRESET'), 'warn', /keeps failing/],
    ['a refused cursor', new ConnectorError('CURSOR_INVALID', 'cursor expired'), 'warn', /not duplicated/],
    ['refused credentials', new ConnectorError('AUTH', 'HTTP 401', { status: 401 }), 'error', /dlq retry/],
    ['an unrecoverable job', new UnrecoverableError('complaint x is not in the ledger'), 'error', /dead-letter list/],
  ])('%s is %s and says what it means', (_what, err, level, meaning) => {
    const said = failureLog(decide(err), err);
    expect(said.level).toBe(level);
    expect(said.meaning).toMatch(meaning);
  });

  it("tells a write this bridge cannot make as configured from another system's final no", () => {
    const unmapped = new ConnectorError(
      'INVALID_PAYLOAD',
      'wadesk: no status for canonical "postponed" in writeBack.status.map',
    );
    expect(failureLog(decide(unmapped, 'write'), unmapped)).toMatchObject({
      level: 'info',
      meaning: expect.stringMatching(/cannot be made as configured.*add the mapping to the source config$/),
    });
    const closed = new ConnectorError('CONFLICT', 'lapor: report 5016925 is closed', { status: 409 });
    expect(failureLog(decide(closed, 'write'), closed).meaning).toMatch(/^the other system gave a final answer/);
  });

  it('logs a named refusal by its code and message, without a stack trace; an unexpected error keeps its stack', () => {
    const refused = new ConnectorError('AUTH', 'HTTP 401', { status: 401 });
    expect(failureLog(decide(refused), refused).fields).toEqual({
      error: { code: 'AUTH', message: 'HTTP 401', status: 401 },
    });
    const bug = new TypeError('cannot read properties of undefined');
    expect(failureLog(decide(bug), bug).fields).toEqual({ err: bug });
  });
});
