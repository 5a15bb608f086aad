import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intersectionSize, minhash, shingles } from '../../../src/dedup/minhash.js';
import { RUNS } from '../properties/arbitraries.js';

/** The 4-gram windows of the padded text, as a set of strings: what the shingles stand for. */
function windows(text: string): Set<string> {
  const padded = ` ${text} `;
  if (padded.length <= 4) return new Set(text.length > 0 ? [padded] : []);
  return new Set(Array.from({ length: padded.length - 3 }, (_, i) => padded.slice(i, i + 4)));
}

const text = fc.string({ unit: fc.constantFrom(...'abc de'), maxLength: 60 });

describe('shingles', () => {
  it('are ascending, each once, one per distinct window', () => {
    fc.assert(
      fc.property(text, (t) => {
        const s = shingles(t);
        for (let i = 1; i < s.length; i++) expect(s[i]!).toBeGreaterThan(s[i - 1]!);
        expect(s.length).toBe(windows(t).size);
      }),
      { numRuns: RUNS },
    );
  });

  it('intersect as the sets of their windows do, and sign the same whatever the order', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const [wa, wb] = [windows(a), windows(b)];
        expect(intersectionSize(shingles(a), shingles(b))).toBe([...wa].filter((w) => wb.has(w)).length);
        const s = shingles(a);
        expect(minhash(s, 16)).toEqual(minhash(s.slice().reverse(), 16));
      }),
      { numRuns: RUNS },
    );
  });

  it('of an empty text are none', () => {
    expect(shingles('').length).toBe(0);
    expect(intersectionSize(shingles(''), shingles('abc'))).toBe(0);
  });
});
