import type { Express, Request } from 'express';
import type { Language } from '../../i18n/messages.js';
import { cookiesOf, LANG_COOKIE } from './cookies.js';

/** Where the app keeps the instance's language (app.locals), set once by createApp. */
const INSTANCE_LANGUAGE = 'laporBridgeLanguage';

export function setInstanceLanguage(app: Express, language: Language): void {
  (app.locals as Record<string, unknown>)[INSTANCE_LANGUAGE] = language;
}

/**
 * The language a request is answered in, pages, JSON API and webhook alike: the person's
 * choice (the language link sets a cookie), else the instance's (`instance.language`, or
 * LAPOR_BRIDGE_LANG / LANG when it says `auto`), else Indonesian.
 */
export function langOfRequest(req: Request): Language {
  const chosen = cookiesOf(req)[LANG_COOKIE];
  if (chosen === 'en' || chosen === 'id') return chosen;
  const instance = (req.app?.locals as Record<string, unknown> | undefined)?.[INSTANCE_LANGUAGE];
  return instance === 'en' ? 'en' : 'id';
}

export function langOf(value: string | undefined): Language {
  return value === 'en' ? 'en' : 'id';
}
