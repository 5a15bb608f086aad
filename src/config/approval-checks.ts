import type { OpdLookup } from '../opd/directory.js';
import { closest } from './hints.js';
import type { Catalog } from '../i18n/messages.js';
import type { ConfigProblem } from './problems.js';
import type { Config } from './schema.js';

/**
 * `push.approval.opds` names units by their directory code, the one name of a unit that never
 * changes with a rename or a reorganisation. A name or alias the directory knows is refused
 * with the code to write instead; an unknown key would silently leave that OPD under
 * `push.approval.required`, so it is refused with the nearest unit.
 */
export function approvalOpdProblems(
  config: Pick<Config, 'push'>,
  units: Pick<OpdLookup, 'get' | 'resolve' | 'list'>,
  text: Catalog['config'],
): ConfigProblem[] {
  const current = units.list().filter((u) => !u.mergedInto);
  const problems: ConfigProblem[] = [];
  for (const key of Object.keys(config.push.approval.opds)) {
    if (units.get(key)) continue;
    const found = units.resolve([], { name: key });
    if (found.kind === 'unit') {
      problems.push({
        path: `push.approval.opds.${key}`,
        message: text.approvalKeyIsName(key, found.unit.name),
        hint: text.writeCode(found.unit.code),
      });
      continue;
    }
    const guess = closest(
      key,
      current.flatMap((u) => [u.code, u.name]),
    );
    const guessed = guess ? current.find((u) => u.code === guess || u.name === guess) : undefined;
    problems.push({
      path: `push.approval.opds.${key}`,
      message: text.opdNotInDirectory(key),
      hint: `${guessed ? text.approvalGuess(guessed.name, guessed.code) : ''}${text.opdCodeHint}`,
    });
  }
  return problems;
}
