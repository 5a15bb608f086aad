import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'lb_session';
/** Before login there is no session: the login form's CSRF token is a double-submit cookie. */
export const LOGIN_CSRF_COOKIE = 'lb_login_csrf';
export const LANG_COOKIE = 'lb_lang';

export function cookiesOf(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    try {
      out[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // A malformed cookie is ignored, as if absent.
    }
  }
  return out;
}

export interface CookieOptions {
  secure: boolean;
  /** Seconds; undefined: until the browser closes; 0: delete. */
  maxAgeSeconds?: number;
  httpOnly?: boolean;
}

/** HttpOnly, SameSite=Strict, path /; Secure when served over HTTPS (or configured so). */
export function setCookie(res: Response, name: string, value: string, options: CookieOptions): void {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'SameSite=Strict'];
  if (options.httpOnly !== false) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`);
  res.append('Set-Cookie', parts.join('; '));
}
