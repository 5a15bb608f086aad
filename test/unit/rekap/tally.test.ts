import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../src/domain/working-days.js';
import { loadDirectory } from '../../../src/opd/load-directory.js';
import { judge } from '../../../src/sla/clock.js';
import type { SlaPolicy } from '../../../src/sla/policy.js';
import { QuantileCounter } from '../../../src/rekap/quantiles.js';
import { RekapTally } from '../../../src/rekap/tally.js';
import { ownNameWords } from '../../../src/text/topic-words.js';
import type { RekapComplaint } from '../../../src/rekap/types.js';

const calendar = createWorkingCalendar({
  holidays: ['2026-03-18', '2026-03-19', '2026-03-20', '2026-03-23', '2026-03-24'],
  offsetMs: 7 * 3600_000,
});
const limits = { disposeWorkingDays: 3, followUpWorkingDays: 5 };
const sla: SlaPolicy = {
  calendar,
  offsetMs: 7 * 3600_000,
  limits,
  autoCloseWorkingDays: 10,
  overrides: { classification: {}, opd: {} },
};
/** Tuesday 31 March 2026, 09:00 WIB. */
const NOW = new Date('2026-03-31T02:00:00Z');

let seq = 0;
function complaint(over: Partial<RekapComplaint> & { answeredAt?: string } = {}): RekapComplaint {
  const { answeredAt, ...rest } = over;
  seq += 1;
  return {
    id: `c-${seq}`,
    caseId: `c-${seq}`,
    body: 'Isi aduan.',
    source: 'lapor',
    externalId: String(5_000_000 + seq),
    title: `Aduan ${seq}`,
    rahasia: false,
    reportedAt: '2026-03-02T02:00:00Z', // Monday 09:00 WIB
    status: 'disposed',
    responses: answeredAt
      ? [{ id: `r-${seq}`, source: 'lapor', at: answeredAt, text: 'Sudah ditangani.', kind: 'tindak_lanjut' }]
      : [],
    ...rest,
  };
}
const dpupr = { code: 'dpupr', name: 'Dinas PUPR', assignedBy: 'source' as const };

describe('judging one complaint against the LAPOR limits', () => {
  it.each([
    [
      'answered by a tindak lanjut',
      complaint({ opd: dpupr, status: 'in_progress', answeredAt: '2026-03-04T02:00:00Z' }),
      { answered: true, answeredOnTime: true, answeredLate: false, pending: false, overdue: false, firstAnswer: 2 },
    ],
    [
      'answered exactly at 3 + 5 working days is on time',
      complaint({ opd: dpupr, answeredAt: '2026-03-12T02:00:00Z' }),
      { answeredOnTime: true, answeredLate: false, firstAnswer: 8 },
    ],
    [
      'answered after 3 + 5 working days is late, though answered',
      complaint({ opd: dpupr, answeredAt: '2026-03-13T02:00:00Z' }),
      { answered: true, answeredOnTime: false, answeredLate: true, overdue: false, firstAnswer: 9 },
    ],
    [
      'answered by status only (responded): no date to judge',
      complaint({ opd: dpupr, status: 'responded' }),
      {
        answered: true,
        answeredUndated: true,
        answeredOnTime: false,
        answeredLate: false,
        pending: false,
        firstAnswer: undefined,
      },
    ],
    [
      'closed without the answer text',
      complaint({ opd: dpupr, status: 'closed' }),
      { answered: true, answeredUndated: true, pending: false, overdue: false },
    ],
    [
      'comment and status note are not answers',
      complaint({
        opd: dpupr,
        responses: [
          { id: 'x', source: 'lapor', at: '2026-03-03T02:00:00Z', text: 'Kapan?', kind: 'comment' },
          { id: 'y', source: 'lapor', at: '2026-03-03T03:00:00Z', text: 'Diteruskan', kind: 'status_note' },
        ],
      }),
      { answered: false, pending: true, overdue: true },
    ],
    [
      'archived without answer',
      complaint({ opd: dpupr, status: 'archived' }),
      { answered: false, pending: false, closedWithoutAnswer: true, overdue: false },
    ],
    [
      'rejected',
      complaint({ status: 'rejected' }),
      { answered: false, pending: false, closedWithoutAnswer: true, overdue: false },
    ],
    [
      'with OPD, 5 working days old: within 3 + 5',
      complaint({ opd: dpupr, reportedAt: '2026-03-17T02:00:00Z' }),
      { pending: true, overdue: false, elapsed: 5, limit: 8 },
    ],
    [
      'without OPD, 5 working days old: past the 3 for disposition',
      complaint({ reportedAt: '2026-03-17T02:00:00Z' }),
      { pending: true, overdue: true, elapsed: 5, limit: 3 },
    ],
    [
      'exactly at the limit is not late yet',
      complaint({ reportedAt: '2026-03-26T02:00:00Z' }),
      { pending: true, overdue: false, elapsed: 3 },
    ],
    [
      'bukan wewenang is pending and counted',
      complaint({ status: 'not_authority' }),
      { pending: true, overdue: true, notAuthority: true },
    ],
    [
      'first of several answers counts, in any order and offset',
      complaint({
        opd: dpupr,
        responses: [
          { id: 'b', source: 'lapor', at: '2026-03-09T09:00:00+07:00', text: 'kedua', kind: 'tindak_lanjut' },
          { id: 'a', source: 'wa', at: '2026-03-03T09:00:00+07:00', text: 'pertama', kind: 'tindak_lanjut' },
        ],
      }),
      { answered: true, firstAnswer: 1 },
    ],
  ])('%s', (_label, c, expected) => {
    const v = judge(c, NOW, sla);
    for (const [k, value] of Object.entries(expected)) {
      if (typeof value === 'number') expect(v[k as keyof typeof v]).toBeCloseTo(value, 9);
      else expect(v[k as keyof typeof v], k).toBe(value);
    }
  });
});

describe('per-OPD rekap arithmetic', () => {
  it('adds up rows, the unassigned row and the total: on time and late answers, overdue, quantiles, topics, channels, weeks', () => {
    const tally = new RekapTally({ now: NOW, sla, overdueListSize: 10, offsetMs: 7 * 3600_000 });
    const dinkes = { code: 'dinkes', id: 'OPD-07', name: 'Dinas Kesehatan', assignedBy: 'rule' as const };
    const jalan = { id: '12', name: 'Jalan rusak' };
    const all = [
      complaint({ opd: dpupr, answeredAt: '2026-03-04T02:00:00Z', category: jalan }), // 2 wd, on time
      complaint({
        opd: { code: 'dpupr', name: '  dinas   pupr ', assignedBy: 'source' },
        answeredAt: '2026-03-09T02:00:00Z',
        category: jalan,
      }), // same OPD by another name, 5 wd, on time
      complaint({
        opd: dpupr,
        answeredAt: '2026-03-16T02:00:00Z',
        title: 'Lampu jalan mati di gang',
        source: 'wadesk',
      }), // 10 wd: answered LATE
      complaint({ opd: dinkes, title: 'Obat puskesmas habis' }), // pending, overdue
      complaint({
        opd: { code: 'dinkes', id: 'OPD-07', name: 'Dinkes', assignedBy: 'source' },
        reportedAt: '2026-03-17T02:00:00Z',
        title: 'Antrean puskesmas panjang',
      }), // same code: pending, not overdue
      complaint({ opd: dinkes, status: 'archived' }),
      complaint({ opd: dinkes, status: 'closed', answeredAt: '2026-03-03T02:00:00Z' }), // 1 wd, on time
      complaint({ opd: dinkes, status: 'responded' }), // answered, no date
      complaint({}), // unassigned, overdue
      complaint({ status: 'not_authority', rahasia: true, title: 'Rahasia puskesmas' }), // unassigned, overdue, bukan wewenang; its words never counted
    ];
    for (const c of all) tally.add(c);
    tally.add(all[0]!); // the same unit twice counts once
    const r = tally.result();
    const pick = (c: (typeof r)['total']) => [
      c.total,
      c.answered,
      c.answeredOnTime,
      c.answeredLate,
      c.answeredUndated,
      c.pending,
      c.overdue,
      c.closedWithoutAnswer,
      c.notAuthority,
      c.medianFirstAnswerWorkingDays,
      c.p90FirstAnswerWorkingDays,
    ];
    expect(r.rows.map((row) => [row.name, ...pick(row)])).toEqual([
      ['Dinas Kesehatan', 5, 2, 1, 0, 1, 2, 1, 1, 0, 1, 1],
      // 2, 5 and 10 working days: median 5, p90 at rank 1.8 = 5 + 0.8 × 5.
      ['Dinas PUPR', 3, 3, 2, 1, 0, 0, 0, 0, 0, 5, 9],
    ]);
    expect(pick(r.unassigned)).toEqual([2, 0, 0, 0, 0, 2, 2, 0, 1, null, null]);
    // First answers after 1, 2, 5 and 10 working days: median 3.5, p90 at rank 2.7 = 5 + 0.7 × 5.
    expect(pick(r.total)).toEqual([10, 5, 3, 1, 1, 4, 3, 1, 1, 3.5, 8.5]);
    expect(r.total.topCategories).toEqual([{ topic: 'Jalan rusak', count: 2 }]);
    expect(r.total.topWords[0]).toEqual({ topic: 'puskesmas', count: 2 });
    expect(r.total.topWords.map((t) => t.topic)).not.toContain('rahasia');
    expect(r.channels.map((c) => [c.source, c.total, c.answeredLate])).toEqual([
      ['lapor', 9, 0],
      ['wadesk', 1, 1],
    ]);
    // Weeks start on Monday: nine reported on 2 March, one on 17 March; each answer in the week it was given (3, 4, 9, 16 March).
    expect(r.weeks).toEqual([
      { week: '2026-03-02', received: 9, answered: 2 },
      { week: '2026-03-09', received: 0, answered: 1 },
      { week: '2026-03-16', received: 1, answered: 1 },
    ]);
    expect(r.overdue).toHaveLength(3);
    expect(r.overdue.every((l) => l.workingDaysElapsed > l.limitWorkingDays)).toBe(true);
    const secret = r.overdue.find((l) => l.rahasia)!;
    expect(secret.title).toBeNull();
    expect(secret.opd).toBeNull();
  });

  it('keeps only the longest-waiting late complaints, longest first', () => {
    const tally = new RekapTally({ now: NOW, sla, overdueListSize: 3, offsetMs: 7 * 3600_000 });
    const days = [
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
    ];
    for (const d of [...days].reverse()) tally.add(complaint({ reportedAt: `${d}T02:00:00Z` }));
    const late = tally.result().overdue;
    expect(late.map((l) => l.reportedAt.slice(0, 10))).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
  });

  it('shows no topic word of the deployment’s own name; a deployment named otherwise shows it', () => {
    const ownWords = ownNameWords('Pemerintah Kabupaten Blora');
    expect([...ownWords]).toEqual(['blora']);
    const tally = new RekapTally({ now: NOW, sla, overdueListSize: 5, offsetMs: 7 * 3600_000, ownWords });
    for (const title of ['Blora jalan rusak', 'Lampu jalan Blora mati', 'Blora sampah menumpuk'])
      tally.add(complaint({ opd: dpupr, title }));
    const r = tally.result();
    for (const row of [r.total, r.rows[0]!, r.channels[0]!])
      expect(row.topWords).toEqual([
        { topic: 'jalan', count: 2 },
        { topic: 'lampu', count: 1 },
        { topic: 'mati', count: 1 },
        { topic: 'menumpuk', count: 1 },
        { topic: 'rusak', count: 1 },
      ]);
    const shown = new RekapTally({
      now: NOW,
      sla,
      overdueListSize: 5,
      offsetMs: 7 * 3600_000,
      ownWords: ownNameWords('Kabupaten Grobogan'),
    });
    shown.add(complaint({ title: 'Blora jalan rusak' }));
    expect(shown.result().total.topWords.map((t) => t.topic)).toContain('blora');
  });

  it('answers an empty period with zero rows and null medians', () => {
    const r = new RekapTally({ now: NOW, sla, overdueListSize: 5, offsetMs: 7 * 3600_000 }).result();
    expect(r.rows).toEqual([]);
    expect(r.total).toMatchObject({ total: 0, medianFirstAnswerWorkingDays: null });
  });
});

describe('quantile counter', () => {
  it.each([
    [[], null],
    [[3], 3],
    [[2, 5], 3.5],
    [[5, 1, 2], 2],
    [[1, 1, 1, 9], 1],
    [[0.25, 0.75, 10, 12], 5.375],
    [[0.004, 0.006], 0.005],
  ])('median of %j is %s', (values, expected) => {
    const m = new QuantileCounter();
    for (const v of values) m.add(v);
    if (expected === null) expect(m.median()).toBeNull();
    else expect(m.median()).toBeCloseTo(expected, 9);
  });

  it('uses memory by distinct values, not by count', () => {
    const m = new QuantileCounter();
    for (let i = 0; i < 200_000; i++) m.add((i % 7) + 0.5);
    expect(m.median()).toBe(3.5);
    expect((m as unknown as { counts: Map<number, number> }).counts.size).toBe(7);
  });
});

describe('which row a complaint counts in', () => {
  it('puts an OPD without id or name in the unassigned row, with the disposition limit', () => {
    const tally = new RekapTally({ now: NOW, sla, overdueListSize: 5, offsetMs: 7 * 3600_000 });
    const blank = complaint({ opd: { name: '  ', assignedBy: 'source' }, reportedAt: '2026-03-25T02:00:00Z' });
    tally.add(blank);
    expect(tally.result().unassigned).toMatchObject({ total: 1, pending: 1, overdue: 1 });
    expect(judge(blank, NOW, sla).limit).toBe(3);
  });

  it('counts an OPD the directory does not know in the unassigned row, with the follow-up limit (it was disposed)', () => {
    const tally = new RekapTally({ now: NOW, sla, overdueListSize: 5, offsetMs: 7 * 3600_000 });
    const unknown = complaint({
      opd: { name: 'Dinas Entah', assignedBy: 'source' },
      reportedAt: '2026-03-25T02:00:00Z',
    });
    tally.add(unknown);
    expect(tally.result().rows).toEqual([]);
    expect(tally.result().unassigned).toMatchObject({ total: 1, pending: 1, overdue: 0 });
    expect(judge(unknown, NOW, sla).limit).toBe(8);
  });

  it('counts a merged unit under the unit that holds its work today, naming the old one', () => {
    const units = loadDirectory('config/opd/blora.yaml').directory!;
    const tally = new RekapTally({ now: NOW, sla, overdueListSize: 5, offsetMs: 7 * 3600_000, units });
    tally.add(complaint({ opd: { code: 'dinkop', name: 'Dinas Koperasi', assignedBy: 'source' } }));
    tally.add(complaint({ opd: { code: 'dindagkop', name: 'Dindagkop', assignedBy: 'source' } }));
    expect(tally.result().rows.map((r) => [r.key, r.name, r.total])).toEqual([
      [
        'dindagkop',
        'Dinas Perdagangan, Koperasi dan Usaha Kecil Menengah (termasuk Dinas Koperasi dan Usaha Mikro)',
        2,
      ],
    ]);
  });
});
