import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { CONTENT_SECURITY_POLICY } from './pages/layout.js';
import type { ReportDeps } from './report-deps.js';
import { messages, type Language } from '../i18n/messages.js';
import { langOfRequest } from './auth/language.js';
import { authOf, type Auth } from './auth/authenticate.js';
import type { PageAccount } from './pages/layout.js';

/** Pages hold complaint data behind a password: never cached, framed, or allowed to run script. */
export const pageHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  next();
};

/** Query values as one string each; empty fields (an unfilled form input) count as absent. */
export function queryStrings(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.query as Record<string, unknown>))
    if (typeof v === 'string' && v.trim() !== '') out[k] = v.trim();
  return out;
}

/** The signed-in account as a page's menu shows it (its links, language switch and sign-out). */
export function pageAccount(auth: Auth, lang: Language): PageAccount {
  return { user: auth.user, lang, ...(auth.csrf ? { csrf: auth.csrf } : {}) };
}

/** `pageAccount` of the request's account, when one is signed in. */
export function pageAccountOf(res: Response, lang: Language): { account?: PageAccount } {
  const auth = authOf(res);
  return auth ? { account: pageAccount(auth, lang) } : {};
}

export function issues(error: z.ZodError): string[] {
  return error.issues.map((i) => i.message);
}

/** Redis gone or a bug: logged for the operator, answered without internals. */
export function unavailable(deps: ReportDeps, res: Response, err: unknown, what: string, asJson: boolean): void {
  deps.logger.error(
    { err, what, meaning: 'the reader was answered 503 and can reload; nothing changed. Usually Redis out of reach' },
    'page could not be built',
  );
  if (res.headersSent) return;
  const text = messages(langOfRequest(res.req)).pages;
  if (asJson) res.status(503).json({ error: text.unavailableJson(what), code: 'unavailable' });
  else
    res
      .status(503)
      .type('text/plain')
      .send(`${text.unavailable(what)}\n`);
}
