import type { OpdLookup } from '../opd/directory.js';
import type { RekapComplaint } from './types.js';

/** What the rekap needs of the directory: which unit holds a code's work today, and its name. */
export type RekapUnits = Pick<OpdLookup, 'current' | 'get'>;

/**
 * Which OPD row a complaint counts in: the directory code of the unit that holds the work
 * today (a unit merged away counts under its successor). Undefined when the complaint has
 * no directory code (no OPD, or one the directory does not know, which waits in triage):
 * it belongs to the unassigned row, never to a row of its own.
 */
export function opdKey(opd: RekapComplaint['opd'], units?: RekapUnits): string | undefined {
  const code = opd?.code?.trim();
  if (!code) return undefined;
  return units?.current(code)?.code ?? code;
}
