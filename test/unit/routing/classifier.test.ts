import { describe, expect, it } from 'vitest';
import { generateRoutingData } from '../../../bench/lib/route-data.js';
import { RoutingModel } from '../../../src/routing/classifier.js';
import { trainModel } from '../../../src/routing/trainer.js';
import { scoreRouting } from '../../../src/routing/metrics.js';
import { decodeModel, encodeModel } from '../../../src/routing/model-codec.js';

const data = generateRoutingData(4000, 3);
const split = data[Math.floor(data.length * 0.75)]!.reportedAt;
const train = data.filter((d) => d.reportedAt < split);
const test = data.filter((d) => d.reportedAt >= split);
const model = trainModel(train, { now: new Date('2026-01-01T00:00:00Z') });

describe('the routing classifier', () => {
  it('learns the OPDs of messy complaints far better than the majority class, on a later period', () => {
    const s = scoreRouting(
      test.map((e) => ({ truth: e.opd, suggestions: model.suggest(e) })),
      0.85,
    );
    const majority =
      Math.max(...[...new Set(train.map((e) => e.opd))].map((o) => test.filter((e) => e.opd === o).length)) /
      test.length;
    expect(s.top1).toBeGreaterThan(0.8);
    expect(s.top3).toBeGreaterThan(0.9);
    expect(s.top1).toBeGreaterThan(majority * 3);
    // Calibrated: among confident suggestions, at least as many right as the threshold promises (within noise).
    expect(s.autoAccuracy).toBeGreaterThan(0.85);
  });

  it('gives three distinct OPDs, most likely first, with probabilities', () => {
    const [a, b, c] = model.suggest({ text: 'jalan rusak parah berlubang di desa Sambong, tolong diperbaiki' });
    expect(a!.opd).toBe('dpupr');
    expect(new Set([a!.opd, b!.opd, c!.opd]).size).toBe(3);
    expect(a!.confidence).toBeGreaterThanOrEqual(b!.confidence);
    expect(b!.confidence).toBeGreaterThanOrEqual(c!.confidence);
    expect(a!.confidence + b!.confidence + c!.confidence).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('reads SMS abbreviations through the shared normalizer', () => {
    expect(model.suggest({ text: 'ktp elektronik blm jd sdh 3 bln mhn dibantu' })[0]!.opd).toBe('disdukcapil');
  });

  it('is not sure of a text that names no office matter', () => {
    expect(model.suggest({ text: 'selamat pagi bapak terima kasih' })[0]!.confidence).toBeLessThan(0.85);
  });

  it('survives encoding as a blob with the same answers and version', () => {
    const copy = new RoutingModel(decodeModel(encodeModel(model.data)));
    expect(copy.version).toBe(model.version);
    for (const e of test.slice(0, 50)) expect(copy.suggest(e)).toEqual(model.suggest(e));
  });
});
