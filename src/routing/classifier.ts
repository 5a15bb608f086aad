import { categoryFeature, FEATURE_BITS, featuresOf, type RoutingInput } from './features.js';

export interface LabelledExample extends RoutingInput {
  /** Directory code of the OPD that handled it. */
  opd: string;
}

export interface Suggestion {
  opd: string;
  /** Calibrated probability that this OPD is right. */
  confidence: number;
}

export interface TrainOptions {
  /** Additive smoothing of the word counts. */
  alpha?: number;
  /** How many times the channel's category counts against one word. */
  categoryWeight?: number;
  /** Examples kept apart (the latest ones) to calibrate the confidences. */
  calibrationShare?: number;
  version?: string;
  now?: Date;
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

const BUCKETS = 1 << FEATURE_BITS;
/** Labels themselves are wrong now and then: no suggestion is certain, so a threshold of 1 means "the model never decides alone". */
const MAX_CONFIDENCE = 0.999;

/**
 * Multinomial naive Bayes over binary hashed features, with a calibrated softmax. Cheap
 * to train (one pass, counts only: 100k complaints in seconds) and to ask (a few hundred
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

function scoreFeatures(d: ModelData, features: Uint32Array, category: number | undefined): Float64Array {
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

interface Counts {
  classes: string[];
  docs: Float64Array;
  /** Dense per bucket × class counts while training. */
  cells: Float32Array;
  totals: Float64Array;
}

interface Featurized {
  features: Uint32Array;
  category: number | undefined;
  label: number;
}

function count(rows: readonly Featurized[], classes: string[], categoryWeight: number): Counts {
  const C = classes.length;
  const cells = new Float32Array(BUCKETS * C);
  const docs = new Float64Array(C);
  const totals = new Float64Array(C);
  for (const { features, category, label: c } of rows) {
    docs[c]! += 1;
    for (const f of features) {
      const w = f === category ? categoryWeight : 1;
      cells[f * C + c]! += w;
      totals[c]! += w;
    }
  }
  return { classes, docs, cells, totals };
}

function build(
  counts: Counts,
  alpha: number,
  categoryWeight: number,
  temperature: number,
  meta: { version: string; trainedAt: string },
): ModelData {
  const { classes, docs, cells, totals } = counts;
  const C = classes.length;
  let used = 0;
  const offsets = new Uint32Array(BUCKETS + 1);
  for (let f = 0; f < BUCKETS; f++) {
    let any = false;
    for (let c = 0; c < C; c++) {
      if (cells[f * C + c]! > 0) {
        used += 1;
        any = true;
      }
    }
    offsets[f + 1] = used;
    if (!any) offsets[f + 1] = used;
  }
  const classIdx = new Uint16Array(used);
  const logRatio = new Float32Array(used);
  let vocabulary = 0;
  for (let f = 0, j = 0; f < BUCKETS; f++) {
    if (offsets[f + 1]! > offsets[f]!) vocabulary += 1;
    for (let c = 0; c < C; c++) {
      const n = cells[f * C + c]!;
      if (n > 0) {
        classIdx[j] = c;
        logRatio[j++] = Math.log((n + alpha) / alpha);
      }
    }
  }
  const all = docs.reduce((a, b) => a + b, 0);
  const logPrior = Float64Array.from(docs, (n) => Math.log(n / all));
  const logUnseen = Float64Array.from(totals, (t) => Math.log(alpha / (t + alpha * vocabulary)));
  return {
    ...meta,
    examples: all,
    classes,
    alpha,
    categoryWeight,
    temperature,
    logPrior,
    logUnseen,
    offsets,
    classIdx,
    logRatio,
  };
}

/** Mean negative log-likelihood of the true class at a temperature. */
function nll(scored: { scores: Float64Array; truth: number }[], temperature: number): number {
  let total = 0;
  for (const { scores, truth } of scored) total -= Math.log(Math.max(softmax(scores, temperature)[truth]!, 1e-12));
  return total / Math.max(1, scored.length);
}

/** The temperature that makes confidences honest on held-out examples (golden-section search on log T). */
export function fitTemperature(scored: { scores: Float64Array; truth: number }[]): number {
  if (scored.length === 0) return 1;
  let lo = Math.log(0.05);
  let hi = Math.log(500);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 40; i++) {
    const a = hi - g * (hi - lo);
    const b = lo + g * (hi - lo);
    if (nll(scored, Math.exp(a)) < nll(scored, Math.exp(b))) hi = b;
    else lo = a;
  }
  return Math.exp((lo + hi) / 2);
}

/**
 * Trains on examples in time order: the latest `calibrationShare` first calibrates a model
 * trained on the rest, then the final model is trained on everything with that temperature.
 */
export function trainModel(examples: readonly LabelledExample[], options: TrainOptions = {}): RoutingModel {
  const alpha = options.alpha ?? 0.1;
  const categoryWeight = options.categoryWeight ?? 4;
  const share = options.calibrationShare ?? 0.1;
  const classes = [...new Set(examples.map((e) => e.opd))].sort();
  const meta = {
    version: options.version ?? `m${(options.now ?? new Date()).toISOString().replace(/\D/g, '').slice(0, 14)}`,
    trainedAt: (options.now ?? new Date()).toISOString(),
  };
  const index = new Map(classes.map((c, i) => [c, i]));
  // Text is normalized and hashed once; both trainings below count the same rows.
  const rows: Featurized[] = examples.map((e) => ({
    features: featuresOf(e),
    category: categoryFeature(e.category),
    label: index.get(e.opd)!,
  }));
  const cut = Math.floor(rows.length * (1 - share));
  let temperature = 1;
  if (rows.length - cut >= 20 && cut >= 20) {
    const partial = build(count(rows.slice(0, cut), classes, categoryWeight), alpha, categoryWeight, 1, meta);
    temperature = fitTemperature(
      rows.slice(cut).map((r) => ({ scores: scoreFeatures(partial, r.features, r.category), truth: r.label })),
    );
  }
  return new RoutingModel(build(count(rows, classes, categoryWeight), alpha, categoryWeight, temperature, meta));
}
