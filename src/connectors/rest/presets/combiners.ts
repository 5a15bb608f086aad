import { bupatiOpdStage, BUPATI_OPD_INPUTS } from './bupati-opd-status.js';

/**
 * Named functions that fold several raw status fields into one stage name, which the
 * status map then turns into a canonical status. Code only where a table cannot say it.
 */
export interface StatusCombiner {
  inputs: readonly string[];
  /** A stage name, or undefined when the values are not understood (→ triage). */
  combine(values: Readonly<Record<string, string | undefined>>): string | undefined;
}

export const COMBINERS = {
  'bupati-opd': {
    inputs: BUPATI_OPD_INPUTS,
    combine: (v: Readonly<Record<string, string | undefined>>) => bupatiOpdStage(v.bupati, v.opd),
  },
} as const satisfies Record<string, StatusCombiner>;

export type CombinerName = keyof typeof COMBINERS;
