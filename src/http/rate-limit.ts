import type { RequestHandler } from 'express';
import { messages } from '../i18n/messages.js';
import { clientOf } from './auth/client.js';
import { langOfRequest } from './auth/language.js';

/**
 * At most `perMinute` requests per client address in each clock minute, per daemon (0: no
 * limit); above it 429 with Retry-After and the catalogue's message. Counts live in memory
 * and are dropped at each new minute, so they never outgrow one minute of callers.
 */
export function rateLimit(perMinute: number, now: () => number = Date.now): RequestHandler {
  let minute = -1;
  let counts = new Map<string, number>();
  return (req, res, next) => {
    if (perMinute <= 0) return next();
    const at = now();
    const current = Math.floor(at / 60_000);
    if (current !== minute) {
      minute = current;
      counts = new Map();
    }
    const address = clientOf(req).address;
    const count = (counts.get(address) ?? 0) + 1;
    counts.set(address, count);
    if (count <= perMinute) return next();
    const seconds = Math.max(1, Math.ceil(((current + 1) * 60_000 - at) / 1000));
    const message = messages(langOfRequest(req)).workspace.tooManyRequests(seconds);
    res.status(429).set('Retry-After', String(seconds));
    if (req.originalUrl.startsWith('/api/') || req.originalUrl.startsWith('/hooks/'))
      res.json({ error: message, code: 'too_many_requests' });
    else res.type('text/plain').send(`${message}\n`);
  };
}
