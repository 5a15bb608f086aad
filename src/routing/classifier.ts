import { categoryFeature, featuresOf, type RoutingInput } from './features.js';

export interface LabelledExample extends RoutingInput {
  /** Directory code of the OPD that handled it. */
  opd: string;
}

export interface Suggestion {
  opd: string;
  /** Calibrated probability that this OPD is right. */
  confidence: number;
}

/** The learned state: small typed arrays, stored as one blob (see src/store/routing-models.ts). */
export interface ModelData {
  version: string;
  trainedAt: string;
  examples: number;
  classes: string[];
  alpha: number;
  categoryWeight: number;
  /** Softmax temperature fitted on the calibration share. */
  temperature: number;
  logPrior: Float64Array;
  /** Per class: log of the smoothed probability of a feature never seen with that class. */
  logUnseen: Float64Array;
  /** Compressed sparse columns over the feature buckets: classes seen with the bucket and log((count + α) / α). */
  offsets: Uint32Array;
  classIdx: Uint16Array;
  logRatio: Float32Array;
}

/** Labels themselves are wrong now and then: no suggestion is certain, so a threshold of 1 means "the model never decides alone". */
const MAX_CONFIDENCE = 0.999;

/**
 * Multinomial naive Bayes over binary hashed features, with a calibrated softmax. Cheap
 * to train (one pass, counts only: src/routing/trainer.ts) and to ask (a few hundred
 * features × a sparse column each), and easy to keep as a versioned blob.
 */
export class RoutingModel {
  private readonly classIndex: Map<string, number>;

  constructor(readonly data: ModelData) {
    this.classIndex = new Map(data.classes.map((c, i) => [c, i]));
  }

  get version(): string {
    return this.data.version;
  }

  knows(opd: string): boolean {
    return this.classIndex.has(opd);
  }

  /** Raw log-scores per class (before calibration). */
  scores(input: RoutingInput): Float64Array {
    return scoreFeatures(this.data, featuresOf(input), categoryFeature(input.category));
  }

  /** The k most likely OPDs with calibrated confidence, most likely first. */
  suggest(input: RoutingInput, k = 3): Suggestion[] {
    return topK(softmax(this.scores(input), this.data.temperature), k).map(([i, p]) => ({
      opd: this.data.classes[i]!,
      confidence: Math.min(p, MAX_CONFIDENCE),
    }));
  }
}

/** Raw log-scores per class of a complaint's features. */
export function scoreFeatures(d: ModelData, features: Uint32Array, category: number | undefined): Float64Array {
  const s = Float64Array.from(d.logPrior);
  const C = s.length;
  for (const f of features) {
    const from = d.offsets[f]!;
    const to = d.offsets[f + 1]!;
    // A bucket never seen in training says nothing; leaving it out keeps classes comparable.
    if (from === to) continue;
    const w = f === category ? d.categoryWeight : 1;
    for (let c = 0; c < C; c++) s[c]! += w * d.logUnseen[c]!;
    for (let j = from; j < to; j++) s[d.classIdx[j]!]! += w * d.logRatio[j]!;
  }
  return s;
}

export function softmax(scores: Float64Array, temperature: number): Float64Array {
  let max = -Infinity;
  for (const v of scores) max = Math.max(max, v);
  const out = new Float64Array(scores.length);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) sum += out[i] = Math.exp((scores[i]! - max) / temperature);
  for (let i = 0; i < out.length; i++) out[i]! /= sum;
  return out;
}

function topK(p: Float64Array, k: number): [number, number][] {
  const best: [number, number][] = [];
  for (let i = 0; i < p.length; i++) {
    if (best.length < k || p[i]! > best[best.length - 1]![1]) {
      best.push([i, p[i]!]);
      best.sort((a, b) => b[1] - a[1]);
      if (best.length > k) best.pop();
    }
  }
  return best;
}
