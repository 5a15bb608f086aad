import { z } from 'zod';
import type { Clock } from '../../domain/clock.js';
import { ConnectorError, isConnectorError } from '../../domain/failures.js';
import type { HttpClient } from './client.js';

/** Token response of an OAuth2 client-credentials grant (RFC 6749 §5.1); only what is used. */
const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive().optional(),
});

/** Refresh this long before the server's expiry so a request never leaves with a dying token. */
const EXPIRY_MARGIN_MS = 60_000;
const DEFAULT_LIFETIME_MS = 300_000;

interface OAuth2Settings {
  tokenUrl: string;
  clientIdEnv: string;
  clientSecretEnv: string;
  scope?: string | undefined;
  credentialsIn: 'body' | 'basic';
  apiKeyHeadersOnTokenRequest: boolean;
}

interface TokenDeps {
  http: HttpClient;
  clock: Clock;
  system: string;
  need(envName: string): string;
  keyHeaders(): Record<string, string>;
}

export interface TokenCache {
  get(signal?: AbortSignal): Promise<string>;
  invalidate(): void;
}

export function createTokenCache(settings: OAuth2Settings, deps: TokenDeps): TokenCache {
  let cached: { token: string; expiresAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function fetchToken(signal?: AbortSignal): Promise<string> {
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (settings.scope) form.set('scope', settings.scope);
    const headers: Record<string, string> = {
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(settings.apiKeyHeadersOnTokenRequest ? deps.keyHeaders() : {}),
    };
    const id = deps.need(settings.clientIdEnv);
    const secret = deps.need(settings.clientSecretEnv);
    if (settings.credentialsIn === 'basic')
      headers.Authorization = `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
    else {
      form.set('client_id', id);
      form.set('client_secret', secret);
    }
    let data: unknown;
    try {
      ({ data } = await deps.http.request({
        method: 'POST',
        url: settings.tokenUrl,
        data: form.toString(),
        headers,
        signal,
      }));
    } catch (err) {
      // invalid_client / invalid_grant come back as 400 or 401: both mean the credentials are wrong.
      if (isConnectorError(err) && err.status !== undefined && err.status >= 400 && err.status < 404) {
        throw new ConnectorError('AUTH', `${deps.system}: token request refused (${err.status})`, {
          status: err.status,
          cause: err,
        });
      }
      throw err;
    }
    const parsed = tokenResponseSchema.safeParse(data);
    if (!parsed.success)
      throw new ConnectorError('AUTH', `${deps.system}: token endpoint answered without an access_token`);
    const lifetime = parsed.data.expires_in !== undefined ? parsed.data.expires_in * 1000 : DEFAULT_LIFETIME_MS;
    cached = {
      token: parsed.data.access_token,
      expiresAt: deps.clock.now().getTime() + Math.max(0, lifetime - EXPIRY_MARGIN_MS),
    };
    return cached.token;
  }

  return {
    async get(signal) {
      if (cached && deps.clock.now().getTime() < cached.expiresAt) return cached.token;
      // Concurrent requests share one token fetch instead of stampeding the token endpoint.
      inFlight ??= fetchToken(signal).finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
