import type { AxiosRequestConfig } from 'axios';
import { z } from 'zod';
import type { Clock } from '../../domain/clock.js';
import { ConnectorError, isConnectorError } from '../../domain/failures.js';
import type { HttpClient } from './client.js';
import { createTokenCache } from './oauth2.js';
import { said } from '../../i18n/schema-text.js';

/**
 * How a connector proves who it is. Config names environment variables, never values.
 * Any scheme can add API-key headers (`Api-Key`, `x-partner-id`) or query parameters.
 */
export const envNameSchema = z.string().regex(
  /^[A-Z][A-Z0-9_]*$/,
  said((t) => t.envNameUpper),
);
const headerName = z.string().regex(
  /^[A-Za-z0-9-]+$/,
  said((t) => t.headerName),
);

const extras = {
  /** Header name → environment variable holding its value. */
  apiKeyHeaders: z.record(headerName, envNameSchema).default({}),
  /** Query parameter → environment variable (for systems that want `?api_key=`). */
  apiKeyQuery: z.record(z.string().regex(/^[\w.-]+$/), envNameSchema).default({}),
};

export const authSchema = z.discriminatedUnion('scheme', [
  z.strictObject({ scheme: z.literal('none'), ...extras }),
  z.strictObject({ scheme: z.literal('bearer'), tokenEnv: envNameSchema, ...extras }),
  z.strictObject({ scheme: z.literal('basic'), usernameEnv: envNameSchema, passwordEnv: envNameSchema, ...extras }),
  z.strictObject({
    scheme: z.literal('oauth2'),
    /** Absolute, or relative to the source's baseUrl. */
    tokenUrl: z.string().min(1),
    clientIdEnv: envNameSchema,
    clientSecretEnv: envNameSchema,
    scope: z.string().optional(),
    /** RFC 6749 allows client credentials in the form body or as HTTP basic auth. */
    credentialsIn: z.enum(['body', 'basic']).default('body'),
    /** Whether the API-key headers are also sent to the token endpoint. */
    apiKeyHeadersOnTokenRequest: z.boolean().default(false),
    ...extras,
  }),
]);
export type AuthConfig = z.infer<typeof authSchema>;

export function secretsOfAuth(auth: AuthConfig): string[] {
  const own =
    auth.scheme === 'bearer'
      ? [auth.tokenEnv]
      : auth.scheme === 'basic'
        ? [auth.usernameEnv, auth.passwordEnv]
        : auth.scheme === 'oauth2'
          ? [auth.clientIdEnv, auth.clientSecretEnv]
          : [];
  return [...own, ...Object.values(auth.apiKeyHeaders), ...Object.values(auth.apiKeyQuery)];
}

export interface AuthDeps {
  http: HttpClient;
  secret(envName: string): string | undefined;
  clock: Clock;
  system: string;
}

export interface Authenticator {
  /** Sends `config` with credentials; on a 401 a cached token is dropped and the request sent once more. */
  request<T>(
    config: AxiosRequestConfig & { signal?: AbortSignal },
  ): Promise<{ status: number; data: T; headers: Record<string, unknown> }>;
}

export function createAuthenticator(auth: AuthConfig, deps: AuthDeps): Authenticator {
  const need = (envName: string): string => {
    const value = deps.secret(envName);
    if (!value) throw new ConnectorError('AUTH', `${deps.system}: secret ${envName} is not set`);
    return value;
  };
  const keyHeaders = (): Record<string, string> =>
    Object.fromEntries(Object.entries(auth.apiKeyHeaders).map(([h, env]) => [h, need(env)]));
  const tokens = auth.scheme === 'oauth2' ? createTokenCache(auth, { ...deps, need, keyHeaders }) : undefined;

  async function credentials(
    signal?: AbortSignal,
  ): Promise<{ headers: Record<string, string>; params: Record<string, string> }> {
    const headers = keyHeaders();
    if (auth.scheme === 'bearer') headers.Authorization = `Bearer ${need(auth.tokenEnv)}`;
    if (auth.scheme === 'basic')
      headers.Authorization = `Basic ${Buffer.from(`${need(auth.usernameEnv)}:${need(auth.passwordEnv)}`).toString('base64')}`;
    if (tokens) headers.Authorization = `Bearer ${await tokens.get(signal)}`;
    const params = Object.fromEntries(Object.entries(auth.apiKeyQuery).map(([p, env]) => [p, need(env)]));
    return { headers, params };
  }

  function send<T>(
    config: AxiosRequestConfig & { signal?: AbortSignal },
    creds: { headers: Record<string, string>; params: Record<string, string> },
  ) {
    return deps.http.request<T>({
      ...config,
      headers: { ...(config.headers as Record<string, string> | undefined), ...creds.headers },
      params: { ...(config.params as Record<string, unknown> | undefined), ...creds.params },
    });
  }

  return {
    async request<T>(config: AxiosRequestConfig & { signal?: AbortSignal }) {
      // Credentials first: a refused token request is final, only the API's own 401 is retried.
      const creds = await credentials(config.signal);
      try {
        return await send<T>(config, creds);
      } catch (err) {
        // A token can be revoked or expire early; one fresh token is worth one more try.
        if (tokens && isConnectorError(err) && err.code === 'AUTH' && err.status === 401) {
          tokens.invalidate();
          return send<T>(config, await credentials(config.signal));
        }
        throw err;
      }
    },
  };
}
