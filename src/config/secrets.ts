import { secretsOf } from '../connectors/registry.js';
import { isLoopback } from '../domain/loopback.js';
import type { Catalog } from '../i18n/messages.js';
import type { ConfigProblem } from './problems.js';
import type { Config } from './schema.js';

/** Secrets come only from the environment; this is the one place that reads them. */
export interface Secrets {
  dashboardPassword?: string;
}

export const SECRET_ENV = {
  dashboardPassword: 'LAPOR_BRIDGE_DASHBOARD_PASSWORD',
} as const;

export function readSecrets(env: NodeJS.ProcessEnv): Secrets {
  const secrets: Secrets = {};
  const password = env[SECRET_ENV.dashboardPassword];
  if (password) secrets.dashboardPassword = password;
  return secrets;
}

/** The secrets each enabled source names (connector credentials, webhook secret) that the environment lacks. */
export function sourceSecretProblems(
  sources: Config['sources'],
  env: NodeJS.ProcessEnv,
  onSandbox: ReadonlySet<string>,
  text: Catalog['config'],
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [name, source] of Object.entries(sources)) {
    if (!source.enabled || onSandbox.has(name)) continue;
    for (const variable of secretsOf(source)) {
      if (!env[variable]) {
        problems.push({
          path: `sources.${name}`,
          message: text.secretMissing(variable),
          hint: text.secretMissingHint(variable, name),
        });
      }
    }
  }
  return problems;
}

/** Rules that join configuration with secrets. */
export function secretProblems(
  config: Config,
  secrets: Secrets,
  env: NodeJS.ProcessEnv,
  onSandbox: ReadonlySet<string>,
  text: Catalog['config'],
): ConfigProblem[] {
  const problems = sourceSecretProblems(config.sources, env, onSandbox, text);
  const sources = Object.keys(config.sources);
  config.push.forward.forEach((rule, i) => {
    for (const end of ['from', 'to'] as const) {
      if (!config.sources[rule[end]])
        problems.push({
          path: `push.forward.${i}.${end}`,
          message: text.notASource(rule[end]),
          hint: text.useOneOf(sources),
        });
    }
  });
  if (config.dashboard.enabled && !secrets.dashboardPassword && !isLoopback(config.http.host)) {
    problems.push({
      path: 'http.host',
      message: text.dashboardExposed(config.http.host),
      hint: text.dashboardExposedHint(SECRET_ENV.dashboardPassword),
    });
  }
  if (secrets.dashboardPassword !== undefined && secrets.dashboardPassword.length < 12) {
    problems.push({
      path: SECRET_ENV.dashboardPassword,
      message: text.passwordShort,
      hint: text.passwordShortHint,
    });
  }
  return problems;
}
