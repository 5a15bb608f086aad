import type { UnroutedWhy } from '../domain/unrouted-why.js';
import type { RoutingModel, Suggestion } from './classifier.js';
import type { RoutingRules, RuleInput } from './rules.js';

export type RouteDecision =
  | { by: 'rule'; opd: string; reason: string }
  | { by: 'model'; opd: string; confidence: number; modelVersion: string; suggestions: Suggestion[]; reason: string }
  | { by: 'triage'; suggestions: Suggestion[]; modelVersion?: string; reason: string; why: UnroutedWhy };

const pct = (p: number) => `${Math.round(p * 100)}%`;

/**
 * Evidence after the source (which ingest already resolved): the configured rules, then
 * the learned model when its calibrated confidence reaches the threshold, else triage with
 * the model's three best. `exclude` removes OPDs known to be wrong (a "bukan wewenang").
 */
export function decideRoute(
  input: RuleInput,
  rules: RoutingRules,
  model: RoutingModel | undefined,
  threshold: number,
  exclude: readonly string[] = [],
): RouteDecision {
  if (exclude.length === 0) {
    const rule = rules.match(input);
    if (rule) return { by: 'rule', opd: rule.opd, reason: rule.reason };
  }
  if (!model)
    return {
      by: 'triage',
      suggestions: [],
      reason: 'belum ada model rute (terlalu sedikit riwayat berlabel); tetapkan OPD-nya',
      why: { kind: 'no_model' },
    };
  const suggestions = model
    .suggest(input, 3 + exclude.length)
    .filter((s) => !exclude.includes(s.opd))
    .slice(0, 3);
  const best = suggestions[0];
  if (best && best.confidence >= threshold && exclude.length === 0) {
    return {
      by: 'model',
      opd: best.opd,
      confidence: best.confidence,
      modelVersion: model.version,
      suggestions,
      reason: `model ${model.version}: ${pct(best.confidence)} yakin (ambang ${pct(threshold)})`,
    };
  }
  const why =
    exclude.length > 0
      ? `dikembalikan "bukan wewenang" oleh ${exclude.join(', ')}`
      : `keyakinan model ${pct(best?.confidence ?? 0)} di bawah ambang ${pct(threshold)}`;
  return {
    by: 'triage',
    suggestions,
    modelVersion: model.version,
    reason: `${why}; pilih salah satu saran atau OPD lain`,
    why:
      exclude.length > 0
        ? { kind: 'returned', by: [...exclude] }
        : { kind: 'unsure', confidence: best?.confidence ?? 0, threshold },
  };
}
