import { parse as parseYaml } from 'yaml';

/** Short, conventional variable names and the config path each one sets. */
export const ENV_ALIASES: Readonly<Record<string, string>> = {
  REDIS_URL: 'redis.url',
  LOG_LEVEL: 'logging.level',
  LOG_PRETTY: 'logging.pretty',
  PORT: 'http.port',
  LAPOR_BRIDGE_HTTP_PORT: 'http.port',
  LAPOR_BRIDGE_HTTP_HOST: 'http.host',
};

export const ENV_PREFIX = 'LAPOR_BRIDGE__';

export interface EnvOverride {
  /** Path segments as written in the variable (upper case), or from an alias. */
  path: string[];
  value: unknown;
  origin: string;
}

/** Environment values are read as YAML scalars so "9090" is a number and "true" a boolean. */
function scalar(raw: string): unknown {
  try {
    const value: unknown = parseYaml(raw);
    return value === null || typeof value === 'object' ? raw : value;
  } catch {
    return raw;
  }
}

export function envOverrides(env: NodeJS.ProcessEnv): EnvOverride[] {
  const out: EnvOverride[] = [];
  for (const [name, path] of Object.entries(ENV_ALIASES)) {
    const raw = env[name];
    if (raw !== undefined && raw !== '') out.push({ path: path.split('.'), value: scalar(raw), origin: name });
  }
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith(ENV_PREFIX) || raw === undefined) continue;
    const path = name.slice(ENV_PREFIX.length).split('__').filter(Boolean);
    if (path.length > 0) out.push({ path, value: scalar(raw), origin: name });
  }
  return out;
}
