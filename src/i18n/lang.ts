/** Indonesian first; English by choice (a page's language link, or LAPOR_BRIDGE_LANG=en / LANG=en_… for the CLI). */
export const LANGS = ['id', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export function langOf(value: string | undefined): Lang {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'id';
}

export function cliLang(env: NodeJS.ProcessEnv = process.env): Lang {
  return langOf(env.LAPOR_BRIDGE_LANG ?? env.LC_ALL ?? env.LANG);
}
