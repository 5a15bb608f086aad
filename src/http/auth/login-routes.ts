import express, { type Request, type Router } from 'express';
import type { Accounts } from '../../accounts/accounts.js';
import { randomSecret } from '../../accounts/secret-token.js';
import { messages } from '../../i18n/messages.js';
import { loginPage } from '../pages/login-page.js';
import { pageHeaders } from '../page-helpers.js';
import { authOf, secureCookie, type AuthDeps } from './authenticate.js';
import { clientOf } from './client.js';
import { langOf } from './language.js';
import { cookiesOf, LANG_COOKIE, LOGIN_CSRF_COOKIE, SESSION_COOKIE, setCookie } from './cookies.js';
import { requireCsrf } from './guards.js';
import { langOfRequest } from './language.js';

export interface LoginDeps extends AuthDeps {
  accounts: AuthDeps['accounts'] & Pick<Accounts, 'login' | 'logout'>;
  instanceName: string;
  sessionTtlMs: number;
}

/** Only a path on this site: never an absolute URL someone slipped into ?next=. */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\')
    ? value
    : '/kotak-masuk';
}

/** GET/POST /login, POST /logout, GET /bahasa (language choice). */
export function loginRoutes(deps: LoginDeps): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  const showLogin = (
    req: Request,
    res: express.Response,
    status: number,
    extra: { username?: string; error?: string } = {},
  ) => {
    const csrf = randomSecret(24);
    setCookie(res, LOGIN_CSRF_COOKIE, csrf, { secure: secureCookie(deps, req), maxAgeSeconds: 3600 });
    res
      .status(status)
      .type('html')
      .send(
        loginPage({
          instanceName: deps.instanceName,
          lang: langOfRequest(req),
          csrf,
          next: safeNext(req.query.next ?? (req.body as { next?: unknown } | undefined)?.next),
          ...extra,
        }),
      );
  };

  router.get('/login', pageHeaders, (req, res) => {
    if (authOf(res)?.via === 'session') return res.redirect(303, safeNext(req.query.next));
    showLogin(req, res, 200);
  });

  router.post('/login', pageHeaders, form, async (req, res, next) => {
    try {
      const body = req.body as Record<string, unknown>;
      const t = messages(langOfRequest(req)).workspace;
      const expected = cookiesOf(req)[LOGIN_CSRF_COOKIE];
      if (!expected || body._csrf !== expected) return showLogin(req, res, 403, { error: t.csrfFailed });
      const username = typeof body.username === 'string' ? body.username.trim().toLowerCase() : '';
      const password = typeof body.password === 'string' ? body.password : '';
      const result = await deps.accounts.login(username, password, clientOf(req).address);
      if (!result.ok) {
        const error =
          result.reason === 'locked'
            ? t.loginLocked(Math.max(1, Math.ceil(result.retryAfterMs / 60_000)))
            : t.loginInvalid;
        return showLogin(req, res, result.reason === 'locked' ? 429 : 401, { username, error });
      }
      const secure = secureCookie(deps, req);
      setCookie(res, SESSION_COOKIE, result.sessionId, { secure, maxAgeSeconds: deps.sessionTtlMs / 1000 });
      setCookie(res, LOGIN_CSRF_COOKIE, '', { secure, maxAgeSeconds: 0 });
      res.redirect(303, safeNext(body.next));
    } catch (err) {
      next(err);
    }
  });

  router.post('/logout', form, requireCsrf('page'), async (req, res, next) => {
    try {
      const auth = authOf(res);
      if (auth?.sessionId) await deps.accounts.logout(auth.sessionId);
      setCookie(res, SESSION_COOKIE, '', { secure: secureCookie(deps, req), maxAgeSeconds: 0 });
      res.redirect(303, '/login');
    } catch (err) {
      next(err);
    }
  });

  router.get('/bahasa', (req, res) => {
    setCookie(res, LANG_COOKIE, langOf(String(req.query.lang ?? '')), {
      secure: secureCookie(deps, req),
      maxAgeSeconds: 365 * 24 * 3600,
      httpOnly: true,
    });
    res.redirect(303, safeNext(req.query.next));
  });
  return router;
}
