import type { OpdLookup } from '../opd/directory.js';
import type { ConfigProblem } from './problems.js';
import type { Config } from './schema.js';

/** Routing rules name directory codes and configured channels; a typo would route nowhere. */
export function routingRuleProblems(
  config: Pick<Config, 'routing' | 'sources'>,
  units: Pick<OpdLookup, 'get'>,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  config.routing.rules.forEach((rule, i) => {
    if (rule.opd !== undefined && !units.get(rule.opd))
      problems.push({
        path: `routing.rules.${i}.opd`,
        message: `OPD "${rule.opd}" tidak ada di direktori OPD`,
        hint: 'pakai kode unit dari opd.directory (lapor-bridge opd list)',
      });
    rule.channels?.forEach((channel, j) => {
      if (!config.sources[channel])
        problems.push({
          path: `routing.rules.${i}.channels.${j}`,
          message: `kanal "${channel}" bukan sumber yang dikonfigurasi`,
          hint: `pakai salah satu: ${Object.keys(config.sources).join(', ') || '(belum ada sumber)'}`,
        });
    });
  });
  return problems;
}

/** Time-limit overrides name directory codes; an unknown code would silently keep the default limits. */
export function timeLimitProblems(config: Pick<Config, 'timeLimits'>, units: Pick<OpdLookup, 'get'>): ConfigProblem[] {
  return Object.keys(config.timeLimits.overrides.opd)
    .filter((code) => !units.get(code))
    .map((code) => ({
      path: `timeLimits.overrides.opd.${code}`,
      message: `OPD "${code}" tidak ada di direktori OPD`,
      hint: 'pakai kode unit dari opd.directory (lapor-bridge opd list)',
    }));
}
