/**
 * How a unit name is compared: case, accents, punctuation and spacing do not matter
 * ("DINAS KESEHATAN, KAB. BLORA" and "Dinas Kesehatan Kab Blora" are the same key; "&" is "dan").
 */
export function nameKey(value: string): string {
  return (
    value
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      // "PU & PR" is written for "PU dan PR".
      .replace(/&/g, ' dan ')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
  );
}

/** The key without one of the pemda's trailing suffixes, or undefined when none ends it. */
export function withoutSuffix(key: string, suffixKeys: readonly string[]): string | undefined {
  for (const suffix of suffixKeys) {
    if (key.length > suffix.length && key.endsWith(` ${suffix}`)) return key.slice(0, -suffix.length - 1);
  }
  return undefined;
}
