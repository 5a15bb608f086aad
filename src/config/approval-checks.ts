import type { OpdLookup } from '../opd/directory.js';
import { closest } from './hints.js';
import type { ConfigProblem } from './problems.js';
import type { Config } from './schema.js';

/**
 * `push.approval.opds` names units by code or by a name the directory knows; an unknown one
 * would silently leave that OPD under `push.approval.required` (the daemon matches keys the
 * same way: src/push/authority.ts).
 */
export function approvalOpdProblems(
  config: Pick<Config, 'push'>,
  units: Pick<OpdLookup, 'get' | 'resolve' | 'list'>,
): ConfigProblem[] {
  const names = units
    .list()
    .filter((u) => !u.mergedInto)
    .map((u) => u.name);
  return Object.keys(config.push.approval.opds)
    .filter((key) => !units.get(key.trim()) && units.resolve([], { name: key }).kind !== 'unit')
    .map((key) => {
      const guess = closest(key, names);
      return {
        path: `push.approval.opds.${key}`,
        message: `OPD "${key}" tidak ada di direktori OPD`,
        hint: `${guess ? `maksudnya "${guess}"? ` : ''}pakai kode atau nama unit dari opd.directory (lapor-bridge opd list)`,
      };
    });
}
