import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../src/domain/working-days.js';
import { loadDirectory } from '../../../src/opd/load-directory.js';
import { judge } from '../../../src/rekap/judge.js';
import { MedianCounter } from '../../../src/rekap/median.js';
import { RekapTally } from '../../../src/rekap/tally.js';
import type { RekapComplaint } from '../../../src/rekap/types.js';

const calendar = createWorkingCalendar({ holidays: ['2026-03-18', '2026-03-19', '2026-03-20', '2026-03-23', '2026-03-24'], offsetMs: 7 * 3600_000 });
const limits = { disposeWorkingDays: 3, followUpWorkingDays: 5 };
/** Tuesday 31 March 2026, 09:00 WIB. */
const NOW = new Date('2026-03-31T02:00:00Z');

let seq = 0;
function complaint(over: Partial<RekapComplaint> & { answeredAt?: string } = {}): RekapComplaint {
  const { answeredAt, ...rest } = over;
  seq += 1;
  return {
    id: `c-${seq}`,
    source: 'lapor',
    externalId: String(5_000_000 + seq),
    title: `Aduan ${seq}`,
    rahasia: false,
    reportedAt: '2026-03-02T02:00:00Z', // Monday 09:00 WIB
    status: 'disposed',
    responses: answeredAt ? [{ id: `r-${seq}`, source: 'lapor', at: answeredAt, text: 'Sudah ditangani.', kind: 'tindak_lanjut' }] : [],
    ...rest,
  };
}
const dpupr = { code: 'dpupr', name: 'Dinas PUPR', assignedBy: 'source' as const };

describe('judging one complaint against the LAPOR limits', () => {
  it.each([
    ['answered by a tindak lanjut', complaint({ opd: dpupr, status: 'in_progress', answeredAt: '2026-03-04T02:00:00Z' }), { answered: true, pending: false, late: false, firstAnswer: 2 }],
    ['answered by status only (responded)', complaint({ opd: dpupr, status: 'responded' }), { answered: true, pending: false, late: false, firstAnswer: undefined }],
    ['closed without the answer text', complaint({ opd: dpupr, status: 'closed' }), { answered: true, pending: false, late: false }],
    ['comment and status note are not answers', complaint({ opd: dpupr, responses: [{ id: 'x', source: 'lapor', at: '2026-03-03T02:00:00Z', text: 'Kapan?', kind: 'comment' }, { id: 'y', source: 'lapor', at: '2026-03-03T03:00:00Z', text: 'Diteruskan', kind: 'status_note' }] }), { answered: false, pending: true, late: true }],
    ['archived without answer', complaint({ opd: dpupr, status: 'archived' }), { answered: false, pending: false, closedWithoutAnswer: true, late: false }],
    ['rejected', complaint({ status: 'rejected' }), { answered: false, pending: false, closedWithoutAnswer: true, late: false }],
    ['with OPD, 5 working days old: within 3 + 5', complaint({ opd: dpupr, reportedAt: '2026-03-17T02:00:00Z' }), { pending: true, late: false, elapsed: 5, limit: 8 }],
    ['without OPD, 5 working days old: past the 3 for disposition', complaint({ reportedAt: '2026-03-17T02:00:00Z' }), { pending: true, late: true, elapsed: 5, limit: 3 }],
    ['exactly at the limit is not late yet', complaint({ reportedAt: '2026-03-26T02:00:00Z' }), { pending: true, late: false, elapsed: 3 }],
    ['bukan wewenang is pending and counted', complaint({ status: 'not_authority' }), { pending: true, late: true, notAuthority: true }],
    ['first of several answers counts, in any order and offset', complaint({ opd: dpupr, responses: [
      { id: 'b', source: 'lapor', at: '2026-03-09T09:00:00+07:00', text: 'kedua', kind: 'tindak_lanjut' },
      { id: 'a', source: 'wa', at: '2026-03-03T09:00:00+07:00', text: 'pertama', kind: 'tindak_lanjut' },
    ] }), { answered: true, firstAnswer: 1 }],
  ])('%s', (_label, c, expected) => {
    const v = judge(c, NOW, calendar, limits);
    for (const [k, value] of Object.entries(expected)) {
      if (typeof value === 'number') expect(v[k as keyof typeof v]).toBeCloseTo(value, 9);
      else expect(v[k as keyof typeof v], k).toBe(value);
    }
  });
});

describe('per-OPD rekap arithmetic', () => {
  it('adds up rows, the unassigned row and the total, with medians of first answers', () => {
    const tally = new RekapTally({ now: NOW, calendar, limits, lateListSize: 10 });
    const dinkes = { code: 'dinkes', id: 'OPD-07', name: 'Dinas Kesehatan', assignedBy: 'rule' as const };
    const all = [
      complaint({ opd: dpupr, answeredAt: '2026-03-04T02:00:00Z' }), // 2 wd
      complaint({ opd: { code: 'dpupr', name: '  dinas   pupr ', assignedBy: 'source' }, answeredAt: '2026-03-09T02:00:00Z' }), // same OPD by another name, 5 wd
      complaint({ opd: dinkes }), // pending, late
      complaint({ opd: { code: 'dinkes', id: 'OPD-07', name: 'Dinkes', assignedBy: 'source' }, reportedAt: '2026-03-17T02:00:00Z' }), // same code: pending, not late
      complaint({ opd: dinkes, status: 'archived' }),
      complaint({ opd: dinkes, status: 'closed', answeredAt: '2026-03-03T02:00:00Z' }), // 1 wd
      complaint({}), // unassigned, late
      complaint({ status: 'not_authority', rahasia: true, title: 'Rahasia' }), // unassigned, late, bukan wewenang
    ];
    for (const c of all) tally.add(c);
    const r = tally.result();
    expect(r.rows.map((row) => [row.name, row.total, row.answered, row.pending, row.late, row.closedWithoutAnswer, row.notAuthority, row.medianFirstAnswerWorkingDays])).toEqual([
      ['Dinas Kesehatan', 4, 1, 2, 1, 1, 0, 1],
      ['Dinas PUPR', 2, 2, 0, 0, 0, 0, 3.5],
    ]);
    expect(r.unassigned).toEqual({ total: 2, answered: 0, pending: 2, late: 2, closedWithoutAnswer: 0, notAuthority: 1, medianFirstAnswerWorkingDays: null });
    expect(r.total).toEqual({ total: 8, answered: 3, pending: 4, late: 3, closedWithoutAnswer: 1, notAuthority: 1, medianFirstAnswerWorkingDays: 2 });
    expect(r.late).toHaveLength(3);
    expect(r.late.every((l) => l.workingDaysElapsed > l.limitWorkingDays)).toBe(true);
    const secret = r.late.find((l) => l.rahasia)!;
    expect(secret.title).toBeNull();
    expect(secret.opd).toBeNull();
  });

  it('keeps only the longest-waiting late complaints, longest first', () => {
    const tally = new RekapTally({ now: NOW, calendar, limits, lateListSize: 3 });
    const days = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09', '2026-03-10', '2026-03-11'];
    for (const d of [...days].reverse()) tally.add(complaint({ reportedAt: `${d}T02:00:00Z` }));
    const late = tally.result().late;
    expect(late.map((l) => l.reportedAt.slice(0, 10))).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
  });

  it('answers an empty period with zero rows and null medians', () => {
    const r = new RekapTally({ now: NOW, calendar, limits, lateListSize: 5 }).result();
    expect(r.rows).toEqual([]);
    expect(r.total).toMatchObject({ total: 0, medianFirstAnswerWorkingDays: null });
  });
});

describe('median counter', () => {
  it.each([
    [[], null],
    [[3], 3],
    [[2, 5], 3.5],
    [[5, 1, 2], 2],
    [[1, 1, 1, 9], 1],
    [[0.25, 0.75, 10, 12], 5.375],
    [[0.004, 0.006], 0.005],
  ])('median of %j is %s', (values, expected) => {
    const m = new MedianCounter();
    for (const v of values) m.add(v);
    if (expected === null) expect(m.median()).toBeNull();
    else expect(m.median()).toBeCloseTo(expected, 9);
  });

  it('uses memory by distinct values, not by count', () => {
    const m = new MedianCounter();
    for (let i = 0; i < 200_000; i++) m.add((i % 7) + 0.5);
    expect(m.median()).toBe(3.5);
    expect((m as unknown as { counts: Map<number, number> }).counts.size).toBe(7);
  });
});

describe('which row a complaint counts in', () => {
  it('puts an OPD without id or name in the unassigned row, with the disposition limit', () => {
    const tally = new RekapTally({ now: NOW, calendar, limits, lateListSize: 5 });
    const blank = complaint({ opd: { name: '  ', assignedBy: 'source' }, reportedAt: '2026-03-25T02:00:00Z' });
    tally.add(blank);
    expect(tally.result().unassigned).toMatchObject({ total: 1, pending: 1, late: 1 });
    expect(judge(blank, NOW, calendar, limits).limit).toBe(3);
  });

  it('counts an OPD the directory does not know in the unassigned row, with the follow-up limit (it was disposed)', () => {
    const tally = new RekapTally({ now: NOW, calendar, limits, lateListSize: 5 });
    const unknown = complaint({ opd: { name: 'Dinas Entah', assignedBy: 'source' }, reportedAt: '2026-03-25T02:00:00Z' });
    tally.add(unknown);
    expect(tally.result().rows).toEqual([]);
    expect(tally.result().unassigned).toMatchObject({ total: 1, pending: 1, late: 0 });
    expect(judge(unknown, NOW, calendar, limits).limit).toBe(8);
  });

  it('counts a merged unit under the unit that holds its work today, naming the old one', () => {
    const units = loadDirectory('config/opd/blora.yaml').directory!;
    const tally = new RekapTally({ now: NOW, calendar, limits, lateListSize: 5, units });
    tally.add(complaint({ opd: { code: 'dinkop', name: 'Dinas Koperasi', assignedBy: 'source' } }));
    tally.add(complaint({ opd: { code: 'dindagkop', name: 'Dindagkop', assignedBy: 'source' } }));
    expect(tally.result().rows.map((r) => [r.key, r.name, r.total])).toEqual([['dindagkop', 'Dinas Perdagangan, Koperasi dan Usaha Kecil Menengah (termasuk Dinas Koperasi dan Usaha Mikro)', 2]]);
  });
});
