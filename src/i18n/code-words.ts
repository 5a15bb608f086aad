/**
 * A code's words in one of the catalogue's tables (an audit action, a triage kind, a status);
 * the code itself where the table has none. Own keys only: a code such as "constructor" must
 * not find Object's prototype.
 */
export function wordsFor(table: Readonly<Record<string, string>>, code: string): string {
  return Object.hasOwn(table, code) ? table[code]! : code;
}
