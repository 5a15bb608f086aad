import type { Catalog } from './catalog-id.js';
import type { Language } from './language.js';
import { messages } from './messages.js';

type SchemaText = Catalog['config']['schema'];

/** The language of the configuration parse under way (parses are synchronous: one at a time). */
let reading: Language = 'id';

/**
 * Runs a synchronous parse of the configuration so that the messages its schemas name with
 * `said` / `sayNow` are in `language` (the operator's, chosen before the configuration is
 * known to be valid). Outside such a parse they are Indonesian. Zod words an issue when its
 * error's issues are first read: read them inside `parse`.
 */
export function parsedIn<T>(language: Language, parse: () => T): T {
  const before = reading;
  reading = language;
  try {
    return parse();
  } finally {
    reading = before;
  }
}

type FixKey = keyof Catalog['config']['fixes'];

/**
 * A schema's own message from the catalogue (`config.schema`), as a zod `error` option: worded
 * when a value is refused; `fix` names the catalogue's fix for it (`config.fixes`), which the
 * error shows as its "fix" line (src/config/hints.ts).
 */
export function said(pick: (t: SchemaText) => string, fix?: FixKey): { error: () => string; params?: { fix: FixKey } } {
  return { error: () => pick(messages(reading).config.schema), ...(fix ? { params: { fix } } : {}) };
}

/** The same, worded now: for an issue a refinement adds during the parse. */
export function sayNow(pick: (t: SchemaText) => string): string {
  return pick(messages(reading).config.schema);
}
