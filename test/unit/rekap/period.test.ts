import { describe, expect, it } from 'vitest';
import { messages } from '../../../src/i18n/messages.js';
import {
  currentMonth,
  monthPeriod,
  periodBounds,
  periodQuerySchemaIn,
  resolvePeriod,
  shiftMonth,
} from '../../../src/rekap/period.js';
import { comparedPeriod, previousPeriod } from '../../../src/rekap/scan.js';

const WIB = 7 * 3600_000;
const periodQuerySchema = periodQuerySchemaIn(messages('id').rekap.query);

describe('rekap periods (WIB dates)', () => {
  it.each([
    ['2026-03', { from: '2026-03-01', to: '2026-03-31' }],
    ['2026-02', { from: '2026-02-01', to: '2026-02-28' }],
    ['2028-02', { from: '2028-02-01', to: '2028-02-29' }],
    ['2026-12', { from: '2026-12-01', to: '2026-12-31' }],
  ])('month %s', (month, expected) => {
    expect(monthPeriod(month)).toEqual(expected);
  });

  it.each([
    ['31 March 16:59:59 UTC is still March in WIB', '2026-03-31T16:59:59Z', '2026-03'],
    ['31 March 17:00 UTC is 1 April 00:00 WIB', '2026-03-31T17:00:00Z', '2026-04'],
    ['New Year in WIB before it is in UTC', '2026-12-31T18:00:00Z', '2027-01'],
  ])('the current month: %s', (_label, now, month) => {
    expect(currentMonth(new Date(now), WIB)).toEqual(monthPeriod(month));
  });

  it('turns a period into instants from local midnight to local midnight', () => {
    const { start, end } = periodBounds(monthPeriod('2026-03'), WIB);
    expect(start.toISOString()).toBe('2026-02-28T17:00:00.000Z');
    expect(end.toISOString()).toBe('2026-03-31T17:00:00.000Z');
  });

  it.each([
    [{}, { from: '2026-03-01', to: '2026-03-31' }],
    [{ month: '2026-01' }, { from: '2026-01-01', to: '2026-01-31' }],
    [
      { from: '2026-03-10', to: '2026-03-10' },
      { from: '2026-03-10', to: '2026-03-10' },
    ],
  ])('resolves query %j', (query, expected) => {
    expect(resolvePeriod(periodQuerySchema.parse(query), new Date('2026-03-15T05:00:00Z'), WIB)).toEqual(expected);
  });

  it.each([
    [{ month: '2026-13' }, 'YYYY-MM'],
    [{ month: '03-2026' }, 'YYYY-MM'],
    [{ from: '2026-03-01' }, '"dari" dan "sampai"'],
    [{ from: '2026-03-10', to: '2026-03-01' }, 'sebelum'],
    [{ from: '2026-02-30', to: '2026-03-01' }, 'YYYY-MM-DD'],
    [{ month: '2026-03', from: '2026-03-01', to: '2026-03-02' }, 'tidak keduanya'],
    [{ from: '2024-01-01', to: '2026-01-01' }, '366'],
    [{ source: '<script>' }, 'sumber'],
  ])('refuses %j', (query, message) => {
    const result = periodQuerySchema.safeParse(query);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message).join(' ')).toContain(message);
  });

  it('says the same refusals in English from the catalogue', () => {
    const english = periodQuerySchemaIn(messages('en').rekap.query);
    const said = (query: Record<string, string>) =>
      english
        .safeParse(query)
        .error!.issues.map((i) => i.message)
        .join(' ');
    expect(said({ month: '03-2026' })).toBe('write the month as YYYY-MM, e.g. 2026-03');
    expect(said({ from: '2026-03-10', to: '2026-03-01' })).toBe('the "from" date must come before "to"');
    expect(said({ from: '2024-01-01', to: '2026-01-01' })).toBe('a range spans at most 366 days');
  });

  it.each([
    ['2026-03', -1, '2026-02'],
    ['2026-01', -1, '2025-12'],
    ['2026-12', 1, '2027-01'],
  ])('shifts %s by %i to %s', (month, by, expected) => {
    expect(shiftMonth(month, by)).toBe(expected);
  });
});

describe("the period a rekap's trend compares with", () => {
  it.each([
    ['a month over: the month before it', '2026-03', '2026-04-02', { from: '2026-02-01', to: '2026-02-28' }],
    [
      'a month in progress: the same first days of the month before',
      '2026-12',
      '2026-12-02',
      { from: '2026-11-01', to: '2026-11-02' },
    ],
    ['on its last day: the month before whole', '2026-03', '2026-03-31', { from: '2026-02-01', to: '2026-02-28' }],
    [
      'past the shorter month before: that month whole, never into this one',
      '2026-03',
      '2026-03-29',
      { from: '2026-02-01', to: '2026-02-28' },
    ],
    ['a month not begun: the month before it', '2027-01', '2026-12-02', { from: '2026-12-01', to: '2026-12-31' }],
    ['a 31-day month after a 30-day one', '2026-12', '2027-01-05', { from: '2026-11-01', to: '2026-11-30' }],
  ])('%s', (_label, month, today, expected) => {
    expect(comparedPeriod(monthPeriod(month), today)).toEqual(expected);
  });

  it('a range of dates in progress: its days so far against as many days just before', () => {
    expect(comparedPeriod({ from: '2026-12-01', to: '2026-12-20' }, '2026-12-05')).toEqual({
      from: '2026-11-26',
      to: '2026-11-30',
    });
    expect(comparedPeriod({ from: '2026-11-01', to: '2026-11-10' }, '2026-12-02')).toEqual(
      previousPeriod({ from: '2026-11-01', to: '2026-11-10' }),
    );
  });
});
