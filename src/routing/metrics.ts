import type { Suggestion } from './classifier.js';

export interface Scored {
  truth: string;
  suggestions: readonly Suggestion[];
}

export interface RoutingScores {
  n: number;
  top1: number;
  top3: number;
  macroF1: number;
  /** Share of complaints whose first suggestion reaches the threshold (routed without a person). */
  coverage: number;
  /** Of those, the share routed right. */
  autoAccuracy: number;
  threshold: number;
  /** truth → predicted → count, for the top-1 mistakes and hits. */
  confusion: Map<string, Map<string, number>>;
  perOpd: { opd: string; support: number; precision: number; recall: number; f1: number }[];
}

/** Top-1, top-3, macro-F1 over the OPDs that occur, and coverage at a confidence threshold. */
export function scoreRouting(rows: readonly Scored[], threshold: number): RoutingScores {
  let top1 = 0;
  let top3 = 0;
  let covered = 0;
  let coveredRight = 0;
  const confusion = new Map<string, Map<string, number>>();
  const tp = new Map<string, number>();
  const predicted = new Map<string, number>();
  const support = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const { truth, suggestions } of rows) {
    const first = suggestions[0];
    bump(support, truth);
    if (first) bump(predicted, first.opd);
    const row = confusion.get(truth) ?? new Map<string, number>();
    confusion.set(truth, row);
    bump(row, first?.opd ?? '(none)');
    if (first?.opd === truth) {
      top1 += 1;
      bump(tp, truth);
    }
    if (suggestions.slice(0, 3).some((s) => s.opd === truth)) top3 += 1;
    if (first && first.confidence >= threshold) {
      covered += 1;
      if (first.opd === truth) coveredRight += 1;
    }
  }
  const perOpd = [...support.entries()].map(([opd, n]) => {
    const hit = tp.get(opd) ?? 0;
    const precision = hit / Math.max(1, predicted.get(opd) ?? 0);
    const recall = hit / n;
    return {
      opd,
      support: n,
      precision,
      recall,
      f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    };
  });
  const n = rows.length;
  return {
    n,
    top1: top1 / Math.max(1, n),
    top3: top3 / Math.max(1, n),
    macroF1: perOpd.reduce((a, p) => a + p.f1, 0) / Math.max(1, perOpd.length),
    coverage: covered / Math.max(1, n),
    autoAccuracy: coveredRight / Math.max(1, covered),
    threshold,
    confusion,
    perOpd: perOpd.sort((a, b) => b.support - a.support),
  };
}
