import { z } from 'zod';

/**
 * Why routing left a complaint for an operator, as facts (the catalogue says them in the
 * reader's language): no model yet, returned "bukan wewenang" by these OPDs, or the model
 * less sure than its threshold.
 */
export const unroutedWhySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('no_model') }),
  z.object({ kind: z.literal('returned'), by: z.array(z.string()) }),
  z.object({ kind: z.literal('unsure'), confidence: z.number(), threshold: z.number() }),
]);
export type UnroutedWhy = z.infer<typeof unroutedWhySchema>;
