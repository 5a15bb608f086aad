import type { Request } from 'express';
import type { Language } from '../../i18n/messages.js';
import { cookiesOf, LANG_COOKIE } from './cookies.js';

/** Indonesian unless the person chose English (the language link sets a cookie). */
export function langOfRequest(req: Request): Language {
  return langOf(cookiesOf(req)[LANG_COOKIE]);
}

export function langOf(value: string | undefined): Language {
  return value === 'en' ? 'en' : 'id';
}
