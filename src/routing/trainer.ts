import { RoutingModel, scoreFeatures, softmax, type LabelledExample, type ModelData } from './classifier.js';
import { categoryFeature, FEATURE_BITS, featuresOf } from './features.js';

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

const BUCKETS = 1 << FEATURE_BITS;

interface Featurized {
  features: Uint32Array;
  category: number | undefined;
  opd: string;
}

function featurized(example: LabelledExample): Featurized {
  return { features: featuresOf(example), category: categoryFeature(example.category), opd: example.opd };
}

const MOST_IN_A_CELL = 0xffff;

/** One OPD's counts: its documents, its weighted feature total, and per feature bucket how often it came with the OPD. */
class OpdCounts {
  docs = 0;
  total = 0;
  /** Half a megabyte per OPD; a count past 65,535 (a very common feature of a large OPD) is kept in `beyond`. */
  private readonly cells = new Uint16Array(BUCKETS);
  private readonly beyond = new Map<number, number>();

  add(f: number, w: number): void {
    this.total += w;
    const next = this.cells[f]! + w;
    if (next <= MOST_IN_A_CELL) this.cells[f] = next;
    else {
      this.beyond.set(f, this.at(f) + w);
      this.cells[f] = MOST_IN_A_CELL;
    }
  }

  private at(f: number): number {
    const n = this.cells[f]!;
    return n === MOST_IN_A_CELL ? (this.beyond.get(f) ?? n) : n;
  }

  /** Each bucket counted at all, in bucket order, with its count. */
  forEach(fn: (f: number, n: number) => void): void {
    for (let f = 0; f < BUCKETS; f++) if (this.cells[f]! > 0) fn(f, this.at(f));
  }
}

/** The counts naive Bayes learns from, per OPD (made when the OPD is first seen). */
class Counts {
  readonly byOpd = new Map<string, OpdCounts>();

  constructor(private readonly categoryWeight: number) {}

  add({ features, category, opd }: Featurized): void {
    let counts = this.byOpd.get(opd);
    if (!counts) this.byOpd.set(opd, (counts = new OpdCounts()));
    counts.docs += 1;
    for (const f of features) counts.add(f, f === category ? this.categoryWeight : 1);
  }
}

/** The model's arrays from the counts, over `classes` (a class not counted yet has no documents). */
function build(
  counts: Counts,
  classes: string[],
  alpha: number,
  categoryWeight: number,
  temperature: number,
  meta: { version: string; trainedAt: string },
): ModelData {
  const columns = classes.map((c) => counts.byOpd.get(c));
  // Sparse columns: per bucket, the classes seen with it (in class order) and their log-ratios.
  const offsets = new Uint32Array(BUCKETS + 1);
  for (const column of columns) column?.forEach((f) => (offsets[f + 1]! += 1));
  let vocabulary = 0;
  for (let f = 0; f < BUCKETS; f++) {
    if (offsets[f + 1]! > 0) vocabulary += 1;
    offsets[f + 1]! += offsets[f]!;
  }
  const used = offsets[BUCKETS]!;
  const classIdx = new Uint16Array(used);
  const logRatio = new Float32Array(used);
  const next = offsets.slice(0, BUCKETS);
  columns.forEach((column, c) =>
    column?.forEach((f, n) => {
      const j = next[f]!++;
      classIdx[j] = c;
      logRatio[j] = Math.log((n + alpha) / alpha);
    }),
  );
  const docs = classes.map((c) => counts.byOpd.get(c)?.docs ?? 0);
  const all = docs.reduce((a, b) => a + b, 0);
  const logPrior = Float64Array.from(docs, (n) => Math.log(n / all));
  const logUnseen = Float64Array.from(classes, (c) =>
    Math.log(alpha / ((counts.byOpd.get(c)?.total ?? 0) + alpha * vocabulary)),
  );
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
 * Trains on at most `max` examples given newest first, one at a time, without holding their
 * texts: each is hashed to its features as it comes and counted, except the newest
 * `calibrationShare`, held until the rest is counted. These calibrate the confidences of a
 * model trained on the older ones; the model returned counts them all. So a training over a
 * ledger of millions holds the counts (half a megabyte per OPD) and a tenth of `max` texts.
 */
export class RoutingTrainer {
  private readonly alpha: number;
  private readonly categoryWeight: number;
  private readonly share: number;
  private readonly counts: Counts;
  /** The newest examples, newest first, up to the most a calibration of `max` can take (texts: smaller than their features). */
  private readonly newest: LabelledExample[] = [];
  private readonly holdAtMost: number;
  private added = 0;
  private finished = false;

  constructor(
    private readonly max: number,
    private readonly options: TrainOptions = {},
  ) {
    this.alpha = options.alpha ?? 0.1;
    this.categoryWeight = options.categoryWeight ?? 4;
    this.share = options.calibrationShare ?? 0.1;
    this.counts = new Counts(this.categoryWeight);
    this.holdAtMost = this.calibrationSize(max);
  }

  /** How many examples were added. */
  get examples(): number {
    return this.added;
  }

  /** `max` examples are in: older ones would not be read. */
  get full(): boolean {
    return this.added >= this.max;
  }

  /** The next example, each one older (or as old) as the one before; ignored once full. */
  add(example: LabelledExample): void {
    if (this.full) return;
    this.added += 1;
    if (this.newest.length < this.holdAtMost) this.newest.push(example);
    else this.counts.add(featurized(example));
  }

  /** The model of what was added; once per trainer (the held examples are counted in by it). */
  model(): RoutingModel {
    if (this.finished) throw new Error('RoutingTrainer.model() was already called');
    this.finished = true;
    const now = this.options.now ?? new Date();
    const meta = {
      version: this.options.version ?? `m${now.toISOString().replace(/\D/g, '').slice(0, 14)}`,
      trainedAt: now.toISOString(),
    };
    const calibrating = Math.min(this.calibrationSize(this.added), this.newest.length);
    for (const example of this.newest.slice(calibrating)) this.counts.add(featurized(example));
    // Oldest first, as the examples were reported.
    const calibration = this.newest.slice(0, calibrating).reverse();
    this.newest.length = 0;
    const classes = [...new Set([...this.counts.byOpd.keys(), ...calibration.map((e) => e.opd)])].sort();
    const index = new Map(classes.map((c, i) => [c, i]));
    const partial =
      calibrating >= 20 && this.added - calibrating >= 20
        ? build(this.counts, classes, this.alpha, this.categoryWeight, 1, meta)
        : undefined;
    // Each calibrating example is scored by the model of the older ones, then counted.
    const scored: { scores: Float64Array; truth: number }[] = [];
    for (const example of calibration) {
      const row = featurized(example);
      if (partial)
        scored.push({ scores: scoreFeatures(partial, row.features, row.category), truth: index.get(row.opd)! });
      this.counts.add(row);
    }
    const temperature = partial ? fitTemperature(scored) : 1;
    return new RoutingModel(build(this.counts, classes, this.alpha, this.categoryWeight, temperature, meta));
  }

  /** How many of `n` examples (the newest) calibrate. */
  private calibrationSize(n: number): number {
    return n - Math.floor(n * (1 - this.share));
  }
}

/**
 * Trains on examples in time order: the latest `calibrationShare` first calibrates a model
 * trained on the rest, then the final model is trained on everything with that temperature.
 */
export function trainModel(examples: readonly LabelledExample[], options: TrainOptions = {}): RoutingModel {
  const trainer = new RoutingTrainer(examples.length, options);
  for (let i = examples.length - 1; i >= 0; i--) trainer.add(examples[i]!);
  return trainer.model();
}
