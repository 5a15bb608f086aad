import type { OpdLookup } from '../opd/directory.js';
import type { Catalog } from '../i18n/messages.js';
import type { ConfigProblem } from './problems.js';
import type { Config } from './schema.js';

/** Routing rules name directory codes and configured channels; a typo would route nowhere. */
export function routingRuleProblems(
  config: Pick<Config, 'routing' | 'sources'>,
  units: Pick<OpdLookup, 'get'>,
  text: Catalog['config'],
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  config.routing.rules.forEach((rule, i) => {
    if (rule.opd !== undefined && !units.get(rule.opd))
      problems.push({
        path: `routing.rules.${i}.opd`,
        message: text.opdNotInDirectory(rule.opd),
        hint: text.opdCodeHint,
      });
    rule.channels?.forEach((channel, j) => {
      if (!config.sources[channel])
        problems.push({
          path: `routing.rules.${i}.channels.${j}`,
          message: text.channelNotASource(channel),
          hint: text.useOneOf(Object.keys(config.sources)),
        });
    });
  });
  return problems;
}

/** Time-limit overrides name directory codes; an unknown code would silently keep the default limits. */
export function timeLimitProblems(
  config: Pick<Config, 'timeLimits'>,
  units: Pick<OpdLookup, 'get'>,
  text: Catalog['config'],
): ConfigProblem[] {
  return Object.keys(config.timeLimits.overrides.opd)
    .filter((code) => !units.get(code))
    .map((code) => ({
      path: `timeLimits.overrides.opd.${code}`,
      message: text.opdNotInDirectory(code),
      hint: text.opdCodeHint,
    }));
}
