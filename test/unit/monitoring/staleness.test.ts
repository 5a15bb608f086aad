import { describe, expect, it } from 'vitest';
import { scheduleIntervalMs, staleness } from '../../../src/monitoring/staleness.js';

const NOW = new Date('2026-03-31T02:00:00Z');
const base = { state: 'idle' as const, itemsLastRun: 0, consecutiveFailures: 0 };

describe('stale source data', () => {
  it.each([
    ['every 5 minutes, last success 14 minutes ago: fresh', '*/5 * * * *', '2026-03-31T01:46:00Z', 0, false],
    ['every 5 minutes, last success 16 minutes ago: stale', '*/5 * * * *', '2026-03-31T01:44:00Z', 0, true],
    ['hourly, last success 2 hours ago: fresh', '0 * * * *', '2026-03-31T00:00:00Z', 2, false],
    ['never succeeded but failing: stale', '*/5 * * * *', undefined, 2, true],
    ['never polled yet: not stale', '*/5 * * * *', undefined, 0, false],
  ] as const)('%s', (_label, schedule, lastSuccessAt, consecutiveFailures, stale) => {
    const state = { ...base, consecutiveFailures, ...(lastSuccessAt ? { lastSuccessAt } : {}) };
    expect(staleness(state, { enabled: true, schedule }, { now: NOW, timeZone: 'Asia/Jakarta', factor: 3 }).stale).toBe(
      stale,
    );
  });

  it('a disabled source is never stale', () => {
    const state = { ...base, lastSuccessAt: '2026-01-01T00:00:00Z' };
    expect(
      staleness(state, { enabled: false, schedule: '* * * * *' }, { now: NOW, timeZone: 'Asia/Jakarta', factor: 3 }),
    ).toEqual({ stale: false });
  });

  it('reads the interval of a schedule with seconds, and of a daily one in the zone', () => {
    expect(scheduleIntervalMs('*/30 * * * * *', 'Asia/Jakarta', NOW)).toBe(30_000);
    expect(scheduleIntervalMs('0 7 * * *', 'Asia/Makassar', NOW)).toBe(86_400_000);
    expect(scheduleIntervalMs('not cron', 'Asia/Jakarta', NOW)).toBeUndefined();
  });
});
