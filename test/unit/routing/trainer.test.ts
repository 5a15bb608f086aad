import { describe, expect, it } from 'vitest';
import { generateRoutingData } from '../../../bench/lib/route-data.js';
import { categoryFeature } from '../../../src/routing/features.js';
import type { RoutingModel } from '../../../src/routing/classifier.js';
import { encodeModel } from '../../../src/routing/model-codec.js';
import { RoutingTrainer, trainModel } from '../../../src/routing/trainer.js';

const now = new Date('2026-01-01T00:00:00Z');
const data = generateRoutingData(1500, 11);

/** The same model, to the byte. */
const same = (a: RoutingModel, b: RoutingModel) => encodeModel(a.data).equals(encodeModel(b.data));

/** A trainer fed newest first, as the training reads the ledger. */
function fedNewestFirst(max: number, examples = data): RoutingTrainer {
  const trainer = new RoutingTrainer(max, { now });
  for (let i = examples.length - 1; i >= 0 && !trainer.full; i--) trainer.add(examples[i]!);
  return trainer;
}

describe('the routing trainer', () => {
  it('learns from the latest `max` examples what a training on those alone learns', () => {
    for (const max of [30, 333, 1000]) {
      const trainer = fedNewestFirst(max);
      expect(trainer.examples).toBe(max);
      expect(same(trainer.model(), trainModel(data.slice(-max), { now }))).toBe(true);
    }
  });

  it('calibrates as a training on all of them when the ledger holds fewer than `max`', () => {
    const few = data.slice(0, 400);
    const trainer = fedNewestFirst(100_000, few);
    expect(trainer.full).toBe(false);
    const model = trainer.model();
    expect(model.data.temperature).not.toBe(1);
    expect(same(model, trainModel(few, { now }))).toBe(true);
  });

  it('takes nothing once full', () => {
    const trainer = fedNewestFirst(50);
    trainer.add({ text: 'jalan rusak', opd: 'nowhere' });
    expect(trainer.examples).toBe(50);
    expect(trainer.model().knows('nowhere')).toBe(false);
  });

  it('counts a feature past what a cell holds (65,535) exactly', () => {
    const n = 17_000;
    const trainer = new RoutingTrainer(2 * n, { now, alpha: 0.1, categoryWeight: 4 });
    for (let i = 0; i < n; i++) {
      trainer.add({ text: 'air mati', category: 'Air', opd: 'pdam' });
      trainer.add({ text: 'jalan rusak', category: 'Jalan', opd: 'dpupr' });
    }
    const { data } = trainer.model();
    const f = categoryFeature('Jalan')!;
    const j = data.offsets[f]!;
    expect(data.offsets[f + 1]! - j).toBe(1);
    expect(data.classes[data.classIdx[j]!]).toBe('dpupr');
    expect(data.logRatio[j]).toBeCloseTo(Math.log((4 * n + 0.1) / 0.1), 4);
  });
});
