/** Pairwise precision, recall and F1 of "these two records are one case". */
export interface PairScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export function pairScore(tp: number, fp: number, fn: number): PairScore {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a} ${b}` : `${b} ${a}`;
}

/** All unordered pairs inside each group. */
export function pairsOf(groups: Iterable<readonly string[]>): Set<string> {
  const out = new Set<string>();
  for (const g of groups)
    for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length; j++) out.add(pairKey(g[i]!, g[j]!));
  return out;
}

export function comparePairs(predicted: ReadonlySet<string>, truth: ReadonlySet<string>): PairScore {
  let tp = 0;
  for (const p of predicted) if (truth.has(p)) tp += 1;
  return pairScore(tp, predicted.size - tp, truth.size - tp);
}
