import { z } from 'zod';
import type { Language } from './language.js';

const ERROR_MAPS = { id: z.locales.id().localeError, en: z.locales.en().localeError } as const;

/**
 * Zod's own words for a value it refuses (a wrong type, an unknown key, a number out of
 * range) in the reader's language, for a parse's `error` option. Messages a schema names
 * itself come from the catalogue and are not replaced.
 */
export function zodErrors(language: Language): z.core.$ZodErrorMap {
  return ERROR_MAPS[language];
}
