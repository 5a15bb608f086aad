import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Profile } from './profile.js';

export type AuthOutcome = 'ok' | 'missing' | 'invalid';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Reads the token where the profile expects it: a header, a bearer token, or a KEYTOKEN parameter. */
export function checkToken(
  req: IncomingMessage,
  params: Record<string, unknown>,
  profile: Profile,
  token: string,
): AuthOutcome {
  let given: unknown;
  if (profile.auth.style === 'header') given = req.headers[profile.auth.headerName.toLowerCase()];
  else if (profile.auth.style === 'bearer') given = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  else given = params[profile.auth.paramName];
  if (typeof given !== 'string' || given === '') return 'missing';
  return same(given, token) ? 'ok' : 'invalid';
}
