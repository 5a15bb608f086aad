import type { RekapComplaint } from './types.js';

/**
 * What the rekap counts as one: today one ledger complaint. Counting cases instead (one
 * complaint told on three channels counted once) changes this rule and nothing else: the
 * tally counts the first complaint of each unit it meets in reported order.
 */
export function countingUnit(c: RekapComplaint): string {
  return c.id;
}
