import type { ComplaintOpd } from '../domain/complaint.js';
import type { OpdLookup } from './directory.js';

/**
 * The OPD a complaint is with, as people read it: the directory's name of the unit that holds
 * its code's work today (a unit merged away: the one it went into), the code where the
 * directory no longer lists it — never
 * what the source called it, which an operator or the routing may have overruled. What the
 * source called it only while the complaint has no unit (it waits in triage).
 */
export function shownOpdName(opd: ComplaintOpd | undefined, units: Pick<OpdLookup, 'current'>): string | undefined {
  if (opd?.code) return units.current(opd.code)?.name ?? opd.code;
  return opd?.name ?? opd?.id;
}
