import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toId } from '../../../src/connectors/common/values.js';
import { wellFormedId } from '../../../src/domain/external-id.js';
import { maskText } from '../../../src/domain/mask.js';
import { countInvalidCharacters } from '../../../src/text/invalid-characters.js';
import { cleanText } from '../../../src/text/normalize.js';
import { anyText, anyValue, hostileText, isWellFormed, RUNS } from './arbitraries.js';

describe('cleanText is total', () => {
  it('never throws and always returns well-formed text', () => {
    fc.assert(
      fc.property(hostileText, (raw) => {
        expect(isWellFormed(cleanText(raw))).toBe(true);
        expect(countInvalidCharacters(raw)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: RUNS },
    );
  });

  it.each([
    ['&#1114112;', 1],
    ['&#x110000;', 1],
    ['&#xD800;', 1],
    ['a\uD800b', 1],
    // Too long to be an entity: kept as the text it is.
    ['&#99999999999999999999;', 0],
    ['&#128512; &#x1F600;', 0],
  ])('replaces and counts what is not Unicode: %j', (raw, count) => {
    expect(countInvalidCharacters(raw)).toBe(count);
    expect(cleanText(raw).includes('\uFFFD')).toBe(count > 0);
  });

  it('keeps masking personal numbers', () => {
    fc.assert(
      fc.property(hostileText, (raw) => {
        expect(maskText(cleanText(raw))).toBe(cleanText(raw));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('ids are well-formed and stay distinct', () => {
  it('wellFormedId returns well-formed Unicode and leaves well-formed ids alone', () => {
    fc.assert(
      fc.property(anyText, (id) => {
        const out = wellFormedId(id);
        expect(isWellFormed(out)).toBe(true);
        if (isWellFormed(id)) expect(out).toBe(id);
      }),
      { numRuns: RUNS },
    );
  });

  it('distinct ids stay distinct after encoding to UTF-8 (what Redis stores)', () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        fc.pre(a !== b);
        expect(Buffer.from(wellFormedId(a)).equals(Buffer.from(wellFormedId(b)))).toBe(false);
      }),
      { numRuns: RUNS },
    );
    expect(wellFormedId('a\uD800')).not.toBe(wellFormedId('a\uD801'));
  });

  it('toId never throws and gives a non-empty well-formed id or none', () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        const id = toId(value);
        if (id !== undefined) {
          expect(id.length).toBeGreaterThan(0);
          expect(isWellFormed(id)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
