import type { PairScore } from './metrics.js';
import { pairKey, pairScore } from './metrics.js';

/**
 * The plain baseline: TF-IDF vectors of the lower-cased words of the raw text, cosine
 * similarity between every two records (through an inverted index), and the threshold
 * that gives the best F1 on this very corpus — an upper bound of what the baseline can do.
 */
export function tfidfBaseline(
  texts: readonly { id: string; text: string }[],
  truth: ReadonlySet<string>,
): { threshold: number; score: PairScore } {
  const tokens = texts.map((t) =>
    t.text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean),
  );
  const df = new Map<string, number>();
  for (const ts of tokens) for (const w of new Set(ts)) df.set(w, (df.get(w) ?? 0) + 1);
  const n = texts.length;
  const vectors = tokens.map((ts) => {
    const tf = new Map<string, number>();
    for (const w of ts) tf.set(w, (tf.get(w) ?? 0) + 1);
    const v = new Map<string, number>();
    let norm = 0;
    for (const [w, f] of tf) {
      const x = (1 + Math.log(f)) * Math.log(n / df.get(w)!);
      v.set(w, x);
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [w, x] of v) v.set(w, x / norm);
    return v;
  });
  const postings = new Map<string, { doc: number; x: number }[]>();
  const sims: { key: string; sim: number }[] = [];
  vectors.forEach((v, i) => {
    const dots = new Map<number, number>();
    for (const [w, x] of v) for (const p of postings.get(w) ?? []) dots.set(p.doc, (dots.get(p.doc) ?? 0) + x * p.x);
    for (const [j, sim] of dots) if (sim >= 0.2) sims.push({ key: pairKey(texts[i]!.id, texts[j]!.id), sim });
    for (const [w, x] of v) {
      const list = postings.get(w) ?? [];
      list.push({ doc: i, x });
      postings.set(w, list);
    }
  });
  let best = { threshold: 1, score: pairScore(0, 0, truth.size) };
  for (let t = 0.2; t <= 0.991; t += 0.01) {
    let tp = 0;
    let fp = 0;
    for (const s of sims) {
      if (s.sim < t) continue;
      if (truth.has(s.key)) tp += 1;
      else fp += 1;
    }
    const score = pairScore(tp, fp, truth.size - tp);
    if (score.f1 > best.score.f1) best = { threshold: Math.round(t * 100) / 100, score };
  }
  return best;
}
