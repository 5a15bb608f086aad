import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { SandboxClock } from '../../shared/clock.js';

/** OAuth2 client-credentials for partners (RFC 6749 §4.4): body or basic credentials. */
export interface PartnerCredentials {
  clientId: string;
  clientSecret: string;
  apiKey: string;
  partnerId: string;
}

export const TOKEN_LIFETIME_SECONDS = 3600;

export function createTokenIssuer(credentials: PartnerCredentials, clock: SandboxClock) {
  const tokens = new Map<string, number>();
  let issued = 0;

  function clientOf(req: Request): { id?: string; secret?: string } {
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    if (basic) {
      const [id, secret] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':').map(decodeURIComponent);
      return { id, secret };
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    return { id: body.client_id as string | undefined, secret: body.client_secret as string | undefined };
  }

  return {
    issue(req: Request, res: Response): void {
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (body.grant_type !== 'client_credentials') {
        res.status(400).json({ error: 'unsupported_grant_type' });
        return;
      }
      const client = clientOf(req);
      if (client.id !== credentials.clientId || client.secret !== credentials.clientSecret) {
        res.status(401).json({ error: 'invalid_client', error_description: 'Client authentication failed' });
        return;
      }
      const token = randomBytes(24).toString('base64url');
      tokens.set(token, clock.now().getTime() + TOKEN_LIFETIME_SECONDS * 1000);
      issued++;
      res.json({ access_token: token, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS });
    },
    valid(header: string | undefined): boolean {
      const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
      const expires = token ? tokens.get(token) : undefined;
      return expires !== undefined && expires > clock.now().getTime();
    },
    revokeAll(): void {
      tokens.clear();
    },
    stats: () => ({ issued, active: tokens.size }),
  };
}
