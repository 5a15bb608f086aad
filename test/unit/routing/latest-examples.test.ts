import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LatestExamples } from '../../../src/routing/training-set.js';
import { RUNS } from '../properties/arbitraries.js';

describe('the examples a training reads', () => {
  it('are the latest reported, oldest first, however many were added and in whatever order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 300 }),
        fc.integer({ min: 1, max: 50 }),
        (times, max) => {
          const examples = times.map((t, i) => ({ at: new Date(t * 60_000).toISOString(), i }));
          const latest = new LatestExamples<{ at: string; i: number }>(max);
          for (const e of examples) latest.add(e);
          const expected = [...examples].sort((a, b) => a.at.localeCompare(b.at)).slice(-max);
          expect(latest.latest().map((e) => e.at)).toEqual(expected.map((e) => e.at));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('holds no more than a quarter over the limit at any time', () => {
    const latest = new LatestExamples<{ at: string }>(10);
    for (let i = 0; i < 1000; i++) {
      latest.add({ at: new Date(i * 1000).toISOString() });
      expect((latest as unknown as { held: unknown[] }).held.length).toBeLessThan(13);
    }
    expect(latest.latest()).toHaveLength(10);
    expect(latest.latest()[0]!.at).toBe(new Date(990_000).toISOString());
  });
});
