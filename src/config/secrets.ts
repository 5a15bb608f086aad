import { secretsOf } from '../connectors/registry.js';
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

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.');
}

/** The secrets each enabled source names (connector credentials, webhook secret) that the environment lacks. */
export function sourceSecretProblems(
  sources: Config['sources'],
  env: NodeJS.ProcessEnv,
  onSandbox: ReadonlySet<string>,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [name, source] of Object.entries(sources)) {
    if (!source.enabled || onSandbox.has(name)) continue;
    for (const variable of secretsOf(source)) {
      if (!env[variable]) {
        problems.push({
          path: `sources.${name}`,
          message: `needs the secret ${variable}, which is not set`,
          hint: `export ${variable}=... in the daemon's environment, or set sources.${name}.enabled to false`,
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
): ConfigProblem[] {
  const problems = sourceSecretProblems(config.sources, env, onSandbox);
  const sources = Object.keys(config.sources);
  config.push.forward.forEach((rule, i) => {
    for (const end of ['from', 'to'] as const) {
      if (!config.sources[rule[end]])
        problems.push({
          path: `push.forward.${i}.${end}`,
          message: `names "${rule[end]}", which is not a configured source`,
          hint: `use one of: ${sources.join(', ') || '(no sources configured)'}`,
        });
    }
  });
  if (config.dashboard.enabled && !secrets.dashboardPassword && !isLoopback(config.http.host)) {
    problems.push({
      path: 'http.host',
      message: `the dashboard would listen on non-loopback address ${config.http.host} with a generated one-time password`,
      hint: `set ${SECRET_ENV.dashboardPassword} (and dashboard.username), or set http.host to 127.0.0.1, or dashboard.enabled to false`,
    });
  }
  if (secrets.dashboardPassword !== undefined && secrets.dashboardPassword.length < 12) {
    problems.push({
      path: SECRET_ENV.dashboardPassword,
      message: 'dashboard password is shorter than 12 characters',
      hint: 'use a long random password, e.g. from `openssl rand -base64 24`',
    });
  }
  return problems;
}
