import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { computeRekap } from '../../../src/rekap/scan.js';
import { rekapSettings } from '../../../src/rekap/settings.js';
import { createStore } from '../../../src/store/store.js';
import { putComplaint, testComplaint } from '../../support/complaints.js';
import { testRedis, type TestRedis } from '../../support/redis.js';

let redis: TestRedis | undefined;
afterEach(async () => {
  await redis?.cleanup();
  redis = undefined;
});

const NOW = new Date('2026-03-31T02:00:00Z');
const clock = { now: () => NOW, sleep: async () => {} };

const record = testComplaint;

const put = putComplaint;

describe('the rekap counts cases (real Redis)', () => {
  it('counts a case once, under its OPD, in the period of its earliest record; by source, each channel it came from', async () => {
    redis = await testRedis('rekapcase');
    const store = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
    const settings = rekapSettings(loadConfig({ env: {} }).config);
    const wa = record('wa', 'w1', '2026-03-02T02:00:00Z');
    // The same complaint forwarded to LAPOR: disposed there to an OPD, and answered.
    const lapor = record('lapor', '5001', '2026-03-03T02:00:00Z', {
      caseId: wa.id,
      opd: { code: 'dpupr', name: 'Dinas PUPR', assignedBy: 'source' },
      status: 'responded',
      responses: [
        { id: 'r1', source: 'lapor', at: '2026-03-05T02:00:00Z', text: 'Sudah diperbaiki.', kind: 'tindak_lanjut' },
      ],
    });
    // A resend in April belongs to the March case: April does not count it again.
    const april = record('superapp', 's1', '2026-04-02T02:00:00Z', { caseId: wa.id });
    const alone = record('wa', 'w2', '2026-03-10T02:00:00Z');
    for (const c of [wa, lapor, april, alone]) await put(store, c);

    const march = await computeRekap(store, settings, { period: { from: '2026-03-01', to: '2026-03-31' }, now: NOW });
    expect(march.total.total).toBe(2);
    expect(march.rows).toEqual([expect.objectContaining({ key: 'dpupr', total: 1, answered: 1 })]);
    expect(march.unassigned.total).toBe(1);

    const bySource = async (source: string) =>
      (await computeRekap(store, settings, { period: { from: '2026-03-01', to: '2026-03-31' }, source, now: NOW }))
        .total.total;
    expect([await bySource('wa'), await bySource('lapor'), await bySource('superapp')]).toEqual([2, 1, 1]);

    const aprilRekap = await computeRekap(store, settings, {
      period: { from: '2026-04-01', to: '2026-04-30' },
      now: new Date('2026-04-30T02:00:00Z'),
    });
    expect(aprilRekap.total.total).toBe(0);
  });
});
