/** The languages people can read the bridge in: Indonesian first, English by choice. */
export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** `instance.language`: `auto` follows the environment (`LAPOR_BRIDGE_LANG`, then `LANG`). */
export type LanguageSetting = Language | 'auto';

/**
 * Which language to speak. An explicit setting wins; otherwise `LAPOR_BRIDGE_LANG`, then
 * `LC_ALL`/`LANG` starting with "en" choose English. Anything else (unset, `C.UTF-8`,
 * `id_ID.UTF-8`) is Indonesian, the language of the people the bridge serves.
 */
export function chooseLanguage(setting: LanguageSetting | undefined, env: NodeJS.ProcessEnv): Language {
  if (setting && setting !== 'auto') return setting;
  const own = env.LAPOR_BRIDGE_LANG?.trim().toLowerCase();
  if (own === 'en' || own === 'id') return own;
  const locale = (env.LC_ALL || env.LANG || '').toLowerCase();
  return locale.startsWith('en') ? 'en' : 'id';
}
