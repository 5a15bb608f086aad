import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Accounts, User } from '../../accounts/accounts.js';
import { sha256 } from '../../accounts/secret-token.js';
import type { Config } from '../../config/schema.js';
import { clientOf } from './client.js';
import { cookiesOf, SESSION_COOKIE } from './cookies.js';

/** How the caller proved who they are. Only a session needs a CSRF token: it is the one a browser sends by itself. */
export interface Auth {
  user: User;
  via: 'session' | 'token' | 'basic';
  /** The session's CSRF token, for forms. */
  csrf?: string;
  sessionId?: string;
}

export type AuthAccounts = Pick<Accounts, 'session' | 'userOfToken' | 'verify' | 'get'>;

export interface AuthDeps {
  accounts: AuthAccounts;
  secureCookies: Config['accounts']['secureCookies'];
}

export function authOf(res: Response): Auth | undefined {
  return (res.locals as { auth?: Auth }).auth;
}

export function secureCookie(deps: Pick<AuthDeps, 'secureCookies'>, req: Request): boolean {
  return deps.secureCookies === 'always' || (deps.secureCookies === 'auto' && clientOf(req).https);
}

/** A verified basic-auth pair is remembered briefly, so a script's requests do not each cost a password hash. */
const BASIC_CACHE_MS = 60_000;

/**
 * Finds the caller: a session cookie (browsers), `Authorization: Bearer <API token>`
 * (scripts), or basic auth with an account's name and password (scripts; counted by the
 * same lock-out as the login form). Never answers by itself: the guards decide.
 */
export function authenticate(deps: AuthDeps): RequestHandler {
  const basicSeen = new Map<string, { passwordChangedAt: string; until: number }>();
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const header = req.headers.authorization ?? '';
      if (header.startsWith('Bearer ')) {
        const user = await deps.accounts.userOfToken(header.slice(7).trim());
        if (user) (res.locals as { auth?: Auth }).auth = { user, via: 'token' };
        return next();
      }
      if (header.startsWith('Basic ')) {
        const given = Buffer.from(header.slice(6), 'base64').toString('utf8');
        const colon = given.indexOf(':');
        if (colon > 0) {
          const username = given.slice(0, colon);
          const key = sha256(given);
          const seen = basicSeen.get(key);
          if (seen && seen.until > Date.now()) {
            // Still the same account with the same password, and not disabled since.
            const user = await deps.accounts.get(username);
            if (user && !user.disabled && user.passwordChangedAt === seen.passwordChangedAt) {
              (res.locals as { auth?: Auth }).auth = { user, via: 'basic' };
              return next();
            }
            basicSeen.delete(key);
          }
          const checked = await deps.accounts.verify(username, given.slice(colon + 1), clientOf(req).address);
          if (checked.ok) {
            if (basicSeen.size > 1000) basicSeen.clear();
            basicSeen.set(key, {
              passwordChangedAt: checked.user.passwordChangedAt,
              until: Date.now() + BASIC_CACHE_MS,
            });
            const { passwordHash: _hidden, ...user } = checked.user;
            (res.locals as { auth?: Auth }).auth = { user, via: 'basic' };
          }
        }
        return next();
      }
      const sessionId = cookiesOf(req)[SESSION_COOKIE];
      if (sessionId) {
        const found = await deps.accounts.session(sessionId);
        if (found)
          (res.locals as { auth?: Auth }).auth = {
            user: found.user,
            via: 'session',
            csrf: found.session.csrf,
            sessionId,
          };
      }
      next();
    } catch (err) {
      next(err);
    }
  };
}
