import { describe, expect, it } from 'vitest';
import { startScheduler } from '../../../src/scheduler/scheduler.js';
import { captureLogger } from '../../support/logger.js';

/** The hour it is now in a zone of fixed offset (WIB +7, WITA +8, WIT +9). */
const hourIn = (offsetHours: number, at = new Date()) => (at.getUTCHours() + offsetHours) % 24;

/** Ticks a schedule makes in `ms` when it runs in `zone`. */
async function ticks(schedule: string, zone: string, ms: number): Promise<number> {
  let count = 0;
  const scheduler = startScheduler(
    [{ name: 'lapor', schedule, jitterMs: 0 }],
    async () => void count++,
    captureLogger().logger,
    zone,
  );
  await new Promise((resolve) => setTimeout(resolve, ms));
  await scheduler.stop();
  return count;
}

describe('schedules run in the configured time zone', () => {
  it('an hour in a schedule is that hour in instance.timezone (WITA), not in UTC or WIB', async () => {
    // Clear of an hour's turn, so "this hour" stays the same while the test runs.
    const left = 3_600_000 - (Date.now() % 3_600_000);
    if (left < 5_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
    // Every second of the hour it now is in WITA (UTC+8).
    const schedule = `* * ${hourIn(8)} * * *`;
    const [wita, wib] = await Promise.all([
      ticks(schedule, 'Asia/Makassar', 2_500),
      ticks(schedule, 'Asia/Jakarta', 2_500),
    ]);
    expect(wita).toBeGreaterThanOrEqual(1);
    // In WIB (UTC+7) that hour is an hour away.
    expect(wib).toBe(0);
  });
});
