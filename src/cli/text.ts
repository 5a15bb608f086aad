import type { Config } from '../config/schema.js';
import { chooseLanguage, messages, type Catalog, type Language } from '../i18n/messages.js';

export function cliLanguage(config: Pick<Config, 'instance'>): Language {
  return chooseLanguage(config.instance.language, process.env);
}

/** The catalogue in the language this operator reads (`instance.language`, else LAPOR_BRIDGE_LANG / LANG). */
export function cliText(config: Pick<Config, 'instance'>): Catalog {
  return messages(chooseLanguage(config.instance.language, process.env));
}
