import { en } from './catalog-en.js';
import { id, type Catalog } from './catalog-id.js';
import type { Language } from './language.js';

export type { Catalog } from './catalog-id.js';
export { chooseLanguage, LANGUAGES, type Language, type LanguageSetting } from './language.js';

const CATALOGS: Readonly<Record<Language, Catalog>> = { id, en };

/**
 * The message catalogue: everything a person reads (pages, CLI output, config errors, API
 * messages for people), Indonesian by default and English by choice. Add a message to
 * catalog-id.ts; the type then asks for its English in catalog-en.ts.
 */
export function messages(language: Language): Catalog {
  return CATALOGS[language];
}
