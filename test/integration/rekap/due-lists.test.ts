import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { type Complaint } from '../../../src/domain/complaint.js';
import { dueText } from '../../../src/cli/rekap-due.js';
import { messages } from '../../../src/i18n/messages.js';
import { computeDueLists } from '../../../src/rekap/due.js';
import { rekapSettings } from '../../../src/rekap/settings.js';
import { createStore } from '../../../src/store/store.js';
import { putComplaint, testComplaint } from '../../support/complaints.js';
import { testRedis, type TestRedis } from '../../support/redis.js';

let redis: TestRedis | undefined;
afterEach(async () => {
  await redis?.cleanup();
  redis = undefined;
});

/** Tuesday 31 March 2026, 09:00 WIB; the next working day is Wednesday 1 April. */
const NOW = new Date('2026-03-31T02:00:00Z');
const clock = { now: () => NOW, sleep: async () => {} };
const dpupr = { code: 'dpupr', name: 'Dinas PUPR', assignedBy: 'source' as const };
const dinkes = { code: 'dinkes', name: 'Dinas Kesehatan', assignedBy: 'source' as const };

function record(externalId: string, reportedAt: string, over: Partial<Complaint> = {}): Complaint {
  return testComplaint('lapor', externalId, reportedAt, {
    title: `Aduan ${externalId}`,
    status: 'in_progress',
    ...over,
  });
}

const put = putComplaint;

describe('due lists: "jatuh tempo besok" and "terlambat" (real Redis)', () => {
  it('lists by the SLA clock: holidays, tunda, cases once, rahasia hidden, per OPD', async () => {
    redis = await testRedis('duelists');
    const store = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
    const settings = rekapSettings(loadConfig({ env: {} }).config);
    // No OPD, Friday 27 March 09:00: 3 working days end Wednesday 1 April 09:00 → due tomorrow.
    const a = record('a', '2026-03-27T02:00:00Z', { opd: undefined, status: 'received' });
    // Thursday 12 March 10:00 + 8 across Nyepi and Idulfitri: Tuesday 31 March 10:00 → due today, not late yet.
    const b = record('b', '2026-03-12T03:00:00Z', { opd: dpupr });
    // 2 March + 8: 12 March → late.
    const c = record('c', '2026-03-02T02:00:00Z', { opd: dpupr });
    // Same start, but "tunda" since 4 March: the clock stands, on no list.
    const d = record('d', '2026-03-02T02:00:00Z', {
      opd: dpupr,
      status: 'postponed',
      pauses: [{ from: '2026-03-04T02:00:00Z' }],
    });
    const e = record('e', '2026-03-02T02:00:00Z', {
      opd: dinkes,
      status: 'responded',
      responses: [{ id: 'r', source: 'lapor', at: '2026-03-05T02:00:00Z', text: 'Sudah.', kind: 'tindak_lanjut' }],
    });
    const f = record('f', '2026-03-03T02:00:00Z', { opd: dinkes, rahasia: true, title: 'Pungli di kantor' });
    // Another record of c's case: not listed again.
    const g = record('g', '2026-03-05T02:00:00Z', { opd: dpupr, caseId: c.id });
    // Monday 30 March + 8: due 9 April → on no list.
    const h = record('h', '2026-03-30T02:00:00Z', { opd: dpupr });
    for (const x of [a, b, c, d, e, f, g, h]) await put(store, x);

    const lists = await computeDueLists(store, settings, { now: NOW });
    expect(lists.nextWorkingDay).toBe('2026-04-01');
    expect(lists.dueTomorrow.map((x) => [x.externalId, x.dueAt])).toEqual([
      ['b', '2026-03-31T03:00:00.000Z'],
      ['a', '2026-04-01T02:00:00.000Z'],
    ]);
    expect(lists.overdue.map((x) => x.externalId)).toEqual(['c', 'f']);
    expect(lists.overdue[1]).toMatchObject({ title: null, rahasia: true, opdKey: 'dinkes' });
    expect(lists.byOpd).toEqual([
      { key: 'dpupr', name: 'Dinas PUPR', dueTomorrow: 1, overdue: 1 },
      { key: 'dinkes', name: 'Dinas Kesehatan', dueTomorrow: 0, overdue: 1 },
      { key: null, name: null, dueTomorrow: 1, overdue: 0 },
    ]);

    const onlyDinkes = await computeDueLists(store, settings, { now: NOW, opd: 'dinkes' });
    expect(onlyDinkes.overdue.map((x) => x.externalId)).toEqual(['f']);
    expect(onlyDinkes.dueTomorrow).toEqual([]);

    const text = dueText(lists, messages('id'), 'Asia/Jakarta', 'id');
    expect(text).toContain('Terlambat: lewat batas dan belum dijawab (2)');
    expect(text).toContain('2026-03-12 09:00 WIB');
    expect(text).not.toContain('Pungli');
    expect(dueText(lists, messages('id'), 'Asia/Makassar', 'id')).toContain('2026-03-12 10:00 WITA');
    expect(dueText(lists, messages('en'), 'Asia/Jayapura', 'en')).toContain('2026-03-12 11:00 WIT');
  });
});
