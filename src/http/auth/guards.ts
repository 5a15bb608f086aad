import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { can, type Action, type Role } from '../../domain/roles.js';
import { langOfRequest } from './language.js';
import { messages } from '../../i18n/messages.js';
import { authOf } from './authenticate.js';

/** How to refuse: a page (login redirect, plain text) or JSON; `auto` picks JSON under /api/. */
export type Answer = 'page' | 'json' | 'auto';

function answerFor(req: Request, answer: Answer): 'page' | 'json' {
  return answer === 'auto' ? (req.originalUrl.startsWith('/api/') ? 'json' : 'page') : answer;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** `code`: what a program reads in a JSON refusal; the message is for people, in their language. */
function refuse(req: Request, res: Response, answer: Answer, status: 401 | 403, message: string, code: string): void {
  if (answerFor(req, answer) === 'json') {
    res.status(status).json({ error: message, code });
    return;
  }
  res.status(status).type('text/plain').send(`${message}\n`);
}

/** Anyone signed in; a browser without a session is sent to the login page and brought back after. */
export function requireUser(answer: Answer): RequestHandler {
  return (req, res, next) => {
    if (authOf(res)) return next();
    if (answerFor(req, answer) === 'page' && req.method === 'GET')
      return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    const t = messages(langOfRequest(req));
    refuse(
      req,
      res,
      answer,
      401,
      answerFor(req, answer) === 'json' ? t.api.signInFirst : t.workspace.loginExpired,
      'sign_in',
    );
  };
}

/** The caller's role must grant the action (scope within an OPD is checked where the complaint is known). */
export function requireAction(answer: Answer, ...anyOf: Action[]): RequestHandler {
  return (req, res, next) => {
    const auth = authOf(res);
    if (auth && anyOf.some((a) => can(auth.user.role, a))) return next();
    refuse(req, res, answer, 403, messages(langOfRequest(req)).workspace.forbidden, 'forbidden');
  };
}

export function requireRole(answer: Answer, ...roles: Role[]): RequestHandler {
  return (req, res, next) => {
    const auth = authOf(res);
    if (auth && roles.includes(auth.user.role)) return next();
    refuse(req, res, answer, 403, messages(langOfRequest(req)).workspace.forbidden, 'forbidden');
  };
}

/**
 * Every state-changing request made with a session cookie carries the session's CSRF token
 * (hidden `_csrf` field, or X-CSRF-Token header). Tokens and basic auth are not sent by a
 * browser on its own, so they need none.
 */
export function requireCsrf(answer: Answer): RequestHandler {
  return (req, res, next) => {
    const auth = authOf(res);
    if (!UNSAFE.has(req.method) || !auth || auth.via !== 'session') return next();
    const body = req.body as Record<string, unknown> | undefined;
    const given = String(req.headers['x-csrf-token'] ?? (typeof body?._csrf === 'string' ? body._csrf : ''));
    if (auth.csrf && sameToken(given, auth.csrf)) return next();
    refuse(req, res, answer, 403, messages(langOfRequest(req)).workspace.csrfFailed, 'csrf_failed');
  };
}

/**
 * bull-board's own buttons cannot carry our token: its writes are allowed to admins only,
 * from a page of this same origin (the browser's Sec-Fetch-Site / Origin say so).
 */
export function sameOriginWrites(): RequestHandler {
  return (req, res, next) => {
    if (!UNSAFE.has(req.method)) return next();
    const auth = authOf(res);
    const t = messages(langOfRequest(req)).api;
    if (!auth || auth.user.role !== 'admin') return refuse(req, res, 'json', 403, t.queuesAdminsOnly, 'forbidden');
    if (auth.via !== 'session') return next();
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    const sameOrigin =
      site === 'same-origin' ||
      (site === undefined && origin !== undefined && new URL(origin).host === req.headers.host);
    if (sameOrigin) return next();
    refuse(req, res, 'json', 403, t.crossSite, 'cross_site');
  };
}
