import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../../src/domain/complaint.js';
import { createWorkingCalendar } from '../../../src/domain/working-days.js';
import { judge, type SlaComplaint } from '../../../src/sla/clock.js';
import { pausesAfter } from '../../../src/sla/pauses.js';
import { limitsFor, slaPolicy, type SlaPolicy } from '../../../src/sla/policy.js';

const HOUR = 3600_000;
/** Nyepi and Idulfitri 2026: 18–20 and 23–24 March are no working days. */
const HOLIDAYS = ['2026-03-18', '2026-03-19', '2026-03-20', '2026-03-23', '2026-03-24'];

function policy(over: Partial<SlaPolicy> = {}, offsetHours = 7): SlaPolicy {
  return {
    calendar: createWorkingCalendar({ holidays: HOLIDAYS, offsetMs: offsetHours * HOUR }),
    offsetMs: offsetHours * HOUR,
    limits: { disposeWorkingDays: 3, followUpWorkingDays: 5 },
    autoCloseWorkingDays: 10,
    overrides: { classification: {}, opd: {} },
    ...over,
  };
}
const WIB = policy();
const dinkes = { code: 'dinkes', name: 'Dinas Kesehatan', assignedBy: 'source' as const };
const dpupr = { code: 'dpupr', name: 'Dinas PUPR', assignedBy: 'source' as const };
/** Monday 2 March 2026, 09:00 WIB. */
const MONDAY = '2026-03-02T02:00:00Z';

function c(over: Partial<Complaint> & { answeredAt?: string } = {}): SlaComplaint {
  const { answeredAt, ...rest } = over;
  return {
    reportedAt: MONDAY,
    status: 'in_progress',
    opd: dpupr,
    responses: answeredAt ? [{ id: 'r', source: 'lapor', at: answeredAt, text: 'Sudah.', kind: 'tindak_lanjut' }] : [],
    ...rest,
  };
}

describe('the due date in working days', () => {
  it.each([
    ['with an OPD: 3 + 5 working days, same hour', c(), WIB, '2026-03-12T02:00:00.000Z', 8],
    ['without an OPD: 3 working days to dispose', c({ opd: undefined }), WIB, '2026-03-05T02:00:00.000Z', 3],
    [
      'holidays (Nyepi, Idulfitri) and weekends do not count',
      c({ reportedAt: '2026-03-16T02:00:00Z' }),
      WIB,
      '2026-04-02T02:00:00.000Z',
      8,
    ],
    [
      'reported on a Saturday: the clock starts Monday 00:00',
      c({ reportedAt: '2026-03-07T05:00:00Z', opd: undefined }),
      WIB,
      // Monday, Tuesday, Wednesday whole: due at Thursday 00:00 WIB.
      '2026-03-11T17:00:00.000Z',
      3,
    ],
    [
      'in WITA the same local hour is an hour earlier in UTC',
      c({ reportedAt: '2026-03-02T01:00:00Z' }),
      policy({}, 8),
      '2026-03-12T01:00:00.000Z',
      8,
    ],
    [
      'an override per classification',
      c({ classification: 'permintaan_informasi' }),
      policy({ overrides: { classification: { permintaan_informasi: { followUpWorkingDays: 7 } }, opd: {} } }),
      '2026-03-16T02:00:00.000Z',
      10,
    ],
    [
      "an OPD's override wins over its classification's, key by key",
      c({ classification: 'permintaan_informasi', opd: dinkes }),
      policy({
        overrides: {
          classification: { permintaan_informasi: { followUpWorkingDays: 7 } },
          opd: { dinkes: { disposeWorkingDays: 1, followUpWorkingDays: 4 } },
        },
      }),
      '2026-03-09T02:00:00.000Z',
      5,
    ],
    [
      'an override of another OPD leaves this one at the default',
      c(),
      policy({ overrides: { classification: {}, opd: { dinkes: { followUpWorkingDays: 1 } } } }),
      '2026-03-12T02:00:00.000Z',
      8,
    ],
  ])('%s', (_label, complaint, p, dueAt, limit) => {
    const v = judge(complaint, new Date(MONDAY), p);
    expect(v.dueAt).toBe(dueAt);
    expect(v.limit).toBe(limit);
    expect(p.calendar.workingDaysBetween(new Date(complaint.reportedAt), new Date(dueAt))).toBeCloseTo(limit, 9);
  });
});

describe('tunda stops the clock and it runs on when work resumes', () => {
  // Two working days ran (Mon 09:00 → Wed 09:00), then tunda three (Wed 09:00 → Mon 9 March 09:00).
  const paused = { from: '2026-03-04T02:00:00Z', to: '2026-03-09T02:00:00Z' };

  it.each([
    [
      'a closed pause moves the due date by the working days it lasted',
      c({ pauses: [paused] }),
      '2026-03-16T02:00:00Z',
      { dueAt: '2026-03-17T02:00:00.000Z', overdue: false, paused: false, elapsed: 7, pausedWorkingDays: 3 },
    ],
    [
      'the same complaint without the pause is overdue',
      c(),
      '2026-03-16T02:00:00Z',
      { dueAt: '2026-03-12T02:00:00.000Z', overdue: true, elapsed: 10, pausedWorkingDays: 0 },
    ],
    [
      'still tunda: no due date, never overdue, the clock stands at 2',
      c({ status: 'postponed', pauses: [{ from: paused.from }] }),
      '2026-03-31T02:00:00Z',
      { dueAt: undefined, overdue: false, paused: true, pending: true, elapsed: 2 },
    ],
    [
      'tunda only after the due date: overdue all the same',
      c({ status: 'postponed', pauses: [{ from: '2026-03-13T02:00:00Z' }] }),
      '2026-03-31T02:00:00Z',
      { dueAt: '2026-03-12T02:00:00.000Z', overdue: true, paused: false, elapsed: 9 },
    ],
    [
      'tunda with no recorded start stops the clock now (not overdue yet)',
      c({ status: 'postponed', reportedAt: '2026-03-30T02:00:00Z' }),
      '2026-03-31T02:00:00Z',
      { dueAt: undefined, paused: true, overdue: false, elapsed: 1 },
    ],
    [
      'tunda with no recorded start does not excuse a complaint already late',
      c({ status: 'postponed' }),
      '2026-03-31T02:00:00Z',
      { overdue: true, paused: false },
    ],
    [
      'answered within the limit thanks to the pause: on time',
      c({ status: 'responded', pauses: [paused], answeredAt: '2026-03-17T02:00:00Z' }),
      '2026-03-31T02:00:00Z',
      { answeredOnTime: true, answeredLate: false, firstAnswer: 8, pausedWorkingDays: 3 },
    ],
    [
      'answered at the same moment without a pause: late',
      c({ status: 'responded', answeredAt: '2026-03-17T02:00:00Z' }),
      '2026-03-31T02:00:00Z',
      { answeredOnTime: false, answeredLate: true, firstAnswer: 11 },
    ],
    [
      'two pauses add up',
      c({
        pauses: [paused, { from: '2026-03-10T02:00:00Z', to: '2026-03-11T02:00:00Z' }],
      }),
      '2026-03-16T02:00:00Z',
      { dueAt: '2026-03-25T02:00:00.000Z', elapsed: 6, pausedWorkingDays: 4 },
    ],
    [
      'a pause recorded before the report counts only from the report',
      c({ pauses: [{ from: '2026-02-27T02:00:00Z', to: '2026-03-03T02:00:00Z' }] }),
      '2026-03-02T02:00:00Z',
      { dueAt: '2026-03-13T02:00:00.000Z', pausedWorkingDays: 0 },
    ],
  ])('%s', (_label, complaint, now, expected) => {
    const v = judge(complaint, new Date(now), WIB);
    for (const [k, value] of Object.entries(expected)) {
      if (typeof value === 'number') expect(v[k as keyof typeof v], k).toBeCloseTo(value, 9);
      else expect(v[k as keyof typeof v], k).toBe(value);
    }
  });
});

describe("LAPOR's automatic close after a tindak lanjut", () => {
  it.each([
    // Wed 4 March + 10 working days, across Nyepi and Idulfitri: Wed 25 March.
    ['10 working days after the tindak lanjut', 'responded', '2026-03-04T02:00:00Z', '2026-03-25T02:00:00.000Z'],
    ['a closed report has no auto-close date', 'closed', '2026-03-04T02:00:00Z', undefined],
    ['no tindak lanjut, no auto-close date', 'in_progress', undefined, undefined],
  ] as const)('%s', (_label, status, answeredAt, autoCloseAt) => {
    const v = judge(c({ status, ...(answeredAt ? { answeredAt } : {}) }), new Date('2026-03-05T02:00:00Z'), WIB);
    expect(v.autoCloseAt).toBe(autoCloseAt);
  });

  it('counts from the latest tindak lanjut', () => {
    const complaint = c({ status: 'responded' });
    complaint.responses = [
      { id: 'a', source: 'lapor', at: '2026-03-02T02:00:00Z', text: 'Pertama.', kind: 'tindak_lanjut' },
      { id: 'b', source: 'lapor', at: '2026-03-04T02:00:00Z', text: 'Kedua.', kind: 'tindak_lanjut' },
    ];
    expect(judge(complaint, new Date('2026-03-05T02:00:00Z'), WIB).autoCloseAt).toBe('2026-03-25T02:00:00.000Z');
  });
});

describe('adding working days', () => {
  const { calendar } = WIB;
  it.each([
    [
      'Friday 16:00 + 0.5: the rest of Friday, then Monday until 04:00',
      '2026-03-06T09:00:00Z',
      0.5,
      '2026-03-08T21:00:00.000Z',
    ],
    ['Tuesday 17 March + 1 jumps Nyepi and Idulfitri', '2026-03-17T02:00:00Z', 1, '2026-03-25T02:00:00.000Z'],
    ['zero is the same instant', '2026-03-17T02:00:00Z', 0, '2026-03-17T02:00:00.000Z'],
  ])('%s', (_label, from, days, expected) => {
    expect(calendar.addWorkingDays(new Date(from), days).toISOString()).toBe(expected);
  });

  it('is the inverse of workingDaysBetween from any hour', () => {
    for (let h = 0; h < 24 * 14; h += 5)
      for (const days of [0.25, 1, 3, 8, 13.5]) {
        const from = new Date(Date.parse('2026-03-12T00:00:00Z') + h * HOUR);
        expect(calendar.workingDaysBetween(from, calendar.addWorkingDays(from, days))).toBeCloseTo(days, 6);
      }
  });
});

describe('recording tunda spans from versions', () => {
  it.each([
    [
      'tunda opens a span at the change time',
      [],
      'postponed',
      '2026-03-04T02:00:00Z',
      [{ from: '2026-03-04T02:00:00Z' }],
    ],
    ['another tunda version keeps the open span', [{ from: 'A' }], 'postponed', 'B', [{ from: 'A' }]],
    [
      'work resumed closes it',
      [{ from: '2026-03-04T02:00:00Z' }],
      'in_progress',
      '2026-03-09T02:00:00Z',
      [{ from: '2026-03-04T02:00:00Z', to: '2026-03-09T02:00:00Z' }],
    ],
    [
      'a resume dated before the pause closes it where it began',
      [{ from: '2026-03-04T02:00:00Z' }],
      'responded',
      '2026-03-03T02:00:00Z',
      [{ from: '2026-03-04T02:00:00Z', to: '2026-03-04T02:00:00Z' }],
    ],
    ['no pause, no tunda: nothing', [], 'in_progress', '2026-03-09T02:00:00Z', []],
  ] as const)('%s', (_label, held, status, at, expected) => {
    expect(pausesAfter([...held], status, at)).toEqual(expected);
  });
});

describe('policy from configuration', () => {
  it('reads the defaults and the overrides', () => {
    const p = slaPolicy(
      {
        instance: { name: 'x', timezone: 'Asia/Jayapura', language: 'id' },
        calendar: { holidays: [] },
        timeLimits: {
          disposeWorkingDays: 3,
          followUpWorkingDays: 5,
          autoCloseWorkingDays: 10,
          overrides: {
            classification: { aspirasi: { followUpWorkingDays: 14 } },
            opd: { baru: { disposeWorkingDays: 2 } },
          },
        },
      },
      (code) => (code === 'lama' ? 'baru' : code),
    );
    expect(p.offsetMs).toBe(9 * HOUR);
    expect(limitsFor(p, { classification: 'aspirasi' })).toEqual({ disposeWorkingDays: 3, followUpWorkingDays: 14 });
    // A unit merged away is held to its successor's override.
    expect(limitsFor(p, { opd: { code: 'lama' } })).toEqual({ disposeWorkingDays: 2, followUpWorkingDays: 5 });
    expect(limitsFor(p, {})).toEqual({ disposeWorkingDays: 3, followUpWorkingDays: 5 });
  });
});
