import { describe, expect, it } from 'vitest';
import { generateRoutingData } from '../../../bench/lib/route-data.js';
import { encodeModel } from '../../../src/routing/model-codec.js';
import { RoutingTrainer, trainModel } from '../../../src/routing/trainer.js';

const now = new Date('2026-01-01T00:00:00Z');
const data = generateRoutingData(1500, 11);

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
      expect(encodeModel(trainer.model().data)).toEqual(encodeModel(trainModel(data.slice(-max), { now }).data));
    }
  });

  it('calibrates as a training on all of them when the ledger holds fewer than `max`', () => {
    const few = data.slice(0, 400);
    const trainer = fedNewestFirst(100_000, few);
    expect(trainer.full).toBe(false);
    const model = trainer.model();
    expect(model.data.temperature).not.toBe(1);
    expect(encodeModel(model.data)).toEqual(encodeModel(trainModel(few, { now }).data));
  });

  it('takes nothing once full', () => {
    const trainer = fedNewestFirst(50);
    trainer.add({ text: 'jalan rusak', opd: 'nowhere' });
    expect(trainer.examples).toBe(50);
    expect(trainer.model().knows('nowhere')).toBe(false);
  });
});
