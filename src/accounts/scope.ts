import type { Complaint } from '../domain/complaint.js';
import type { OpdLookup } from '../opd/directory.js';

/**
 * Which complaints an OPD account acts for: its own unit's and, for a parent unit (a
 * Dinas over its RSUD, the Setda over its bagian), its children's, as the OPD directory
 * (config/opd/) says. The one place that decides it. Accounts name their unit by its
 * directory code; a complaint whose OPD is not in the directory (it waits in triage)
 * belongs to no OPD account.
 */
export interface UnitScope {
  covers(userUnit: string, complaintOpd: Complaint['opd']): boolean;
  /** The directory code of a unit given by code or by any of its names; undefined when unknown. */
  codeOf(value: string): string | undefined;
  /** Every directory code whose complaints this unit acts for: itself, its children, units merged into them. */
  codesCovered(userUnit: string): string[];
}

export function directoryScope(
  directory: Pick<OpdLookup, 'get' | 'resolve' | 'ancestors' | 'current' | 'list'>,
): UnitScope {
  const scope: UnitScope = {
    codeOf(value) {
      const trimmed = value.trim();
      if (directory.get(trimmed)) return trimmed;
      const found = directory.resolve([], { name: trimmed });
      return found.kind === 'unit' ? found.unit.code : undefined;
    },
    covers(userUnit, complaintOpd) {
      const code = complaintOpd?.code;
      if (!code) return false;
      // A unit merged away: its history belongs to the unit that holds its work today.
      const today = directory.current(code)?.code ?? code;
      const chain = new Set([code, today, ...directory.ancestors(today).map((u) => u.code)]);
      return chain.has(userUnit);
    },
    codesCovered(userUnit) {
      const codes = directory
        .list()
        .map((u) => u.code)
        .filter((code) => scope.covers(userUnit, { code, assignedBy: 'source' }));
      return codes.includes(userUnit) ? codes : [userUnit, ...codes];
    },
  };
  return scope;
}
