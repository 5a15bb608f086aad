import { describe, expect, it } from 'vitest';
import { DAY_MS, fixedOffsetMs, localDate } from '../../src/domain/local-date.js';
import { createWorkingCalendar } from '../../src/domain/working-days.js';

const WIB = 7 * 3600_000;
/** 2026: Nyepi 19 March with cuti bersama around Idulfitri (21-22 March, a weekend). */
const HOLIDAYS_2026 = [
  '2026-01-01',
  '2026-01-16',
  '2026-02-16',
  '2026-02-17',
  '2026-03-18',
  '2026-03-19',
  '2026-03-20',
  '2026-03-21',
  '2026-03-22',
  '2026-03-23',
  '2026-03-24',
  '2026-04-03',
  '2026-04-05',
  '2026-05-01',
  '2026-05-14',
  '2026-05-15',
  '2026-05-27',
  '2026-05-28',
  '2026-05-31',
  '2026-06-01',
  '2026-06-16',
  '2026-08-17',
  '2026-08-25',
  '2026-12-24',
  '2026-12-25',
];
const calendar = createWorkingCalendar({ holidays: HOLIDAYS_2026, offsetMs: WIB });
const plain = createWorkingCalendar({ holidays: [], offsetMs: WIB });
const at = (iso: string) => new Date(iso);

describe('working days (WIB, holidays from configuration)', () => {
  it.each([
    ['Monday 08:59 WIB', '2026-03-02T01:59:00Z', true],
    ['Friday 23:59:59 WIB (16:59:59 UTC)', '2026-03-06T16:59:59Z', true],
    ['Saturday 00:00 WIB (Friday 17:00 UTC)', '2026-03-06T17:00:00Z', false],
    ['Sunday 23:59:59 WIB', '2026-03-08T16:59:59Z', false],
    ['Monday 00:00 WIB (Sunday 17:00 UTC)', '2026-03-08T17:00:00Z', true],
    ['Tuesday 23:59:59 WIB before cuti bersama', '2026-03-17T16:59:59Z', true],
    ['Wednesday 00:00 WIB, cuti bersama Nyepi (Tuesday 17:00 UTC)', '2026-03-17T17:00:00Z', false],
    ['Thursday, Nyepi', '2026-03-19T05:00:00Z', false],
    ['Tuesday 24 March, cuti bersama Idulfitri', '2026-03-24T02:00:00Z', false],
    ['Wednesday 25 March, back to work', '2026-03-25T00:00:00Z', true],
    ['New Year 2026 (Thursday)', '2026-01-01T03:00:00Z', false],
    ['31 Dec 2025 23:00 WIB, before the holiday starts', '2025-12-31T16:00:00Z', true],
  ])('%s → working day: %s', (_label, iso, expected) => {
    expect(calendar.isWorkingDay(at(iso))).toBe(expected);
  });

  it.each([
    ['Monday 09:00 to next Monday 09:00', '2026-03-02T02:00:00Z', '2026-03-09T02:00:00Z', 5],
    ['Monday 09:00 to Monday 21:00', '2026-03-02T02:00:00Z', '2026-03-02T14:00:00Z', 0.5],
    ['Friday 16:00 to Monday 10:00 (weekend does not count)', '2026-03-06T09:00:00Z', '2026-03-09T03:00:00Z', 0.75],
    [
      'Saturday 10:00 to the next Saturday 00:00 (counting starts Monday)',
      '2026-03-07T03:00:00Z',
      '2026-03-13T17:00:00Z',
      5,
    ],
    ['Saturday to Sunday', '2026-03-07T03:00:00Z', '2026-03-08T10:00:00Z', 0],
    [
      'across the WIB date line: Friday 23:00 to Saturday 01:00 WIB',
      '2026-03-06T16:00:00Z',
      '2026-03-06T18:00:00Z',
      1 / 24,
    ],
    ['Thursday 23:00 to Friday 01:00 WIB (both working)', '2026-03-05T16:00:00Z', '2026-03-05T18:00:00Z', 2 / 24],
    [
      'Tuesday 17 March 09:00 to Tuesday 31 March 09:00, Nyepi and Idulfitri between',
      '2026-03-17T02:00:00Z',
      '2026-03-31T02:00:00Z',
      5,
    ],
    ['inside a holiday stretch', '2026-03-18T02:00:00Z', '2026-03-24T10:00:00Z', 0],
    ['end before start', '2026-03-09T02:00:00Z', '2026-03-02T02:00:00Z', 0],
    ['the whole of 2026: 261 weekdays less 21 weekday holidays', '2025-12-31T17:00:00Z', '2026-12-31T17:00:00Z', 240],
  ])('%s = %s working days', (_label, from, to, expected) => {
    expect(calendar.workingDaysBetween(at(from), at(to))).toBeCloseTo(expected, 9);
  });

  it('counts the same March fortnight as 10 working days without the holiday list', () => {
    expect(plain.workingDaysBetween(at('2026-03-17T02:00:00Z'), at('2026-03-31T02:00:00Z'))).toBeCloseTo(10, 9);
  });

  it('ignores holidays listed on a weekend and listed twice', () => {
    const twice = createWorkingCalendar({
      holidays: ['2026-03-21', '2026-03-22', '2026-03-19', '2026-03-19'],
      offsetMs: WIB,
    });
    expect(twice.workingDaysBetween(at('2026-03-15T17:00:00Z'), at('2026-03-22T17:00:00Z'))).toBeCloseTo(4, 9);
  });

  it('agrees with counting day by day over many random intervals', () => {
    const holidays = new Set(HOLIDAYS_2026);
    const naive = (from: number, to: number): number => {
      let total = 0;
      for (let t = from; t < to;) {
        const next = Math.min(to, (Math.floor((t + WIB) / DAY_MS) + 1) * DAY_MS - WIB);
        const local = new Date(t + WIB);
        const weekday = local.getUTCDay();
        if (weekday !== 0 && weekday !== 6 && !holidays.has(localDate(new Date(t), WIB))) total += (next - t) / DAY_MS;
        t = next;
      }
      return total;
    };
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const base = Date.parse('2025-12-01T00:00:00Z');
    for (let i = 0; i < 400; i++) {
      const from = base + Math.floor(random() * 400 * DAY_MS);
      const to = from + Math.floor(random() * 60 * DAY_MS);
      expect(calendar.workingDaysBetween(new Date(from), new Date(to))).toBeCloseTo(naive(from, to), 9);
    }
  });

  it('reads the fixed offset of Indonesian zones and refuses zones with daylight saving', () => {
    expect(fixedOffsetMs('Asia/Jakarta')).toBe(7 * 3600_000);
    expect(fixedOffsetMs('Asia/Makassar')).toBe(8 * 3600_000);
    expect(fixedOffsetMs('Asia/Jayapura')).toBe(9 * 3600_000);
    expect(fixedOffsetMs('UTC')).toBe(0);
    expect(() => fixedOffsetMs('Europe/Berlin')).toThrow(/daylight saving/);
    expect(() => fixedOffsetMs('Mars/Olympus')).toThrow();
  });
});
