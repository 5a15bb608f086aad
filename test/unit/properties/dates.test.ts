import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../../src/connectors/common/timestamp.js';
import { parseTimestamp as parseLaporTimestamp } from '../../../src/connectors/lapor/time.js';
import { impossibleIsoFields, isRealDateTime, parseIsoInstant } from '../../../src/domain/instant.js';
import { anyValue, RUNS } from './arbitraries.js';

const options = { defaultOffset: '+07:00', dayFirst: true, now: new Date('2026-06-01T00:00:00Z') };
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

describe('date parsing is total and refuses impossible dates', () => {
  it('never throws, and an accepted value is a real instant', () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        const parsed = parseTimestamp(value, options);
        if (parsed.ok) expect(new Date(parsed.ms).toISOString()).toBe(parsed.iso);
        else expect(parsed.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('accepts a date exactly when the calendar has it, in every format', () => {
    const fields = fc.record({
      y: fc.integer({ min: 2001, max: 2025 }),
      mo: fc.integer({ min: 0, max: 13 }),
      d: fc.integer({ min: 0, max: 32 }),
      h: fc.integer({ min: 0, max: 25 }),
      mi: fc.integer({ min: 0, max: 61 }),
    });
    fc.assert(
      fc.property(fields, ({ y, mo, d, h, mi }) => {
        const real = isRealDateTime(y, mo, d, h, mi, 0);
        const texts = [
          `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:00+07:00`,
          `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:00`,
          `${pad(d)}/${pad(mo)}/${y} ${pad(h)}:${pad(mi)}`,
        ];
        for (const text of texts) {
          const parsed = parseTimestamp(text, options);
          expect(parsed.ok, text).toBe(real);
        }
        expect(parseLaporTimestamp(texts[0]!, '+07:00') !== undefined).toBe(real);
        expect(parseLaporTimestamp(texts[1]!, '+07:00') !== undefined).toBe(real);
      }),
      { numRuns: RUNS },
    );
  });

  it('reads an instant as the general reading does, whatever stands where the fields usually are', () => {
    const general = (text: string): number | undefined => {
      if (impossibleIsoFields(text) !== undefined) return undefined;
      const ms = Date.parse(text);
      return Number.isNaN(ms) ? undefined : ms;
    };
    const piece = fc.oneof(
      fc.integer({ min: 0, max: 99 }).map((n) => pad(n)),
      fc.constantFrom('T', ' ', ':', '-', 'Z', '+07:00', '.5', '9', 'x', '', '\u0660'),
    );
    const text = fc.oneof(
      fc
        .tuple(fc.integer({ min: 0, max: 9999 }), fc.array(piece, { maxLength: 10 }))
        .map(([y, rest]) => `${pad(y, 4)}-${rest.join('')}`),
      fc
        .tuple(
          fc.integer({ min: 1990, max: 2030 }),
          fc.array(fc.integer({ min: 0, max: 62 }), { minLength: 5, maxLength: 5 }),
          piece,
          fc.constantFrom('', ':', ':9', ':9x', ':x9'),
        )
        .map(([y, [mo, d, h, mi, se], a, seconds]) => {
          const time = `${pad(h!)}:${pad(mi!)}${seconds === ':' ? `:${pad(se!)}` : seconds}`;
          return `${y}-${pad(mo!)}-${pad(d!)}${a === ' ' ? ' ' : 'T'}${time}${a}`;
        }),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(parseIsoInstant(t), t).toBe(general(t));
      }),
      { numRuns: RUNS * 5 },
    );
  });

  it.each(['2026-02-30', '2026-02-30T10:00:00+07:00', '2025-02-29 08:00:00', '31/04/2025'])(
    'rejects %s with a reason',
    (text) => {
      const parsed = parseTimestamp(text, options);
      expect(parsed).toEqual({ ok: false, reason: expect.stringMatching(/impossible date|not a recognisable/) });
    },
  );

  it('names the missing day', () => {
    expect(impossibleIsoFields('2026-02-30T10:00:00Z')).toBe('2026-02 has no day 30');
    expect(parseTimestamp('2024-02-29T10:00:00+07:00', options)).toMatchObject({
      ok: true,
      iso: '2024-02-29T03:00:00.000Z',
    });
  });
});
