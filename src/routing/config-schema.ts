import { z } from 'zod';
import cron from 'node-cron';
import { said } from '../i18n/schema-text.js';

/**
 * A configured routing rule. It applies when every condition it has holds: the channel
 * (source name), the channel's category, a keyword in the text. It routes to `opd` (a
 * directory code), or with `place: kecamatan` to the kecamatan office whose name or one
 * of whose desa the complaint's location or text names (village matters).
 */
export const routingRuleSchema = z
  .strictObject({
    name: z.string().optional(),
    channels: z.array(z.string()).optional(),
    categories: z.array(z.string().min(1)).optional(),
    keywords: z.array(z.string().min(1)).optional(),
    opd: z.string().optional(),
    place: z.literal('kecamatan').optional(),
  })
  .refine(
    (r) => (r.opd === undefined) !== (r.place === undefined),
    said((t) => t.routeTarget),
  )
  .refine(
    (r) => r.categories || r.keywords || r.place,
    said((t) => t.routeCondition),
  );
export type RoutingRuleConfig = z.infer<typeof routingRuleSchema>;

/** Configuration key `routing`. */
export const routingConfigSchema = z.strictObject({
  /** Route complaints whose source names no OPD (rules, then the learned model, then triage). */
  enabled: z.boolean(),
  /** Below this calibrated confidence the model does not route: the complaint goes to triage with three suggestions. */
  threshold: z.number().min(0).max(1),
  /** When the model retrains from the ledger and the operators' labels (cron, instance zone). */
  retrainSchedule: z.string().refine(
    (v) => cron.validate(v),
    said((t) => t.cronEvery('30 1 * * *'), 'cron'),
  ),
  /** Fewer labelled complaints than this: no model (everything unrouted goes to triage). */
  minExamples: z.number().int().min(1),
  /**
   * The most recent labelled complaints (by report time) a training reads: what the daemon
   * holds in memory while it trains is bounded by this, not by the ledger.
   */
  maxExamples: z.number().int().min(1),
  rules: z.array(routingRuleSchema).default([]),
});
export type RoutingConfig = z.infer<typeof routingConfigSchema>;
