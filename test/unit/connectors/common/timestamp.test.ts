import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../../../src/connectors/common/timestamp.js';

const now = new Date('2025-06-01T00:00:00Z');
const wib = { defaultOffset: '+07:00', dayFirst: true, now };

describe('parseTimestamp', () => {
  it.each([
    ['2024-03-01T10:00:00Z', '2024-03-01T10:00:00.000Z'],
    ['2024-03-01T17:00:00+07:00', '2024-03-01T10:00:00.000Z'],
    ['2024-03-01T17:00:00+0700', '2024-03-01T10:00:00.000Z'],
    ['2024-03-01 17:00:00', '2024-03-01T10:00:00.000Z'],
    ['2024-03-01', '2024-02-29T17:00:00.000Z'],
    ['01/03/2024 17:00', '2024-03-01T10:00:00.000Z'],
    ['1-3-2024', '2024-02-29T17:00:00.000Z'],
    [1709287200, '2024-03-01T10:00:00.000Z'],
    [1709287200000, '2024-03-01T10:00:00.000Z'],
    ['1709287200', '2024-03-01T10:00:00.000Z'],
  ])('%j → %s', (input, iso) => {
    expect(parseTimestamp(input, wib)).toMatchObject({ ok: true, iso });
  });

  it('reads slashed dates month first when told', () => {
    expect(parseTimestamp('03/01/2024 17:00', { ...wib, dayFirst: false })).toMatchObject({
      ok: true,
      iso: '2024-03-01T10:00:00.000Z',
    });
  });

  it.each([
    [undefined, 'missing'],
    ['kemarin', 'not a recognisable'],
    ['31/02/2024', 'not a recognisable'],
    ['1970-01-01T00:00:00Z', 'absurd date (before 2000)'],
    [0, 'not a recognisable'],
    ['2031-01-01T00:00:00Z', 'absurd date (in the future)'],
    [{}, 'not a recognisable'],
  ])('refuses %j', (input, reason) => {
    const parsed = parseTimestamp(input, wib);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toContain(reason);
  });
});
