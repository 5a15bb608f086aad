import { createHash } from 'node:crypto';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const HAS_LONE_SURROGATE = new RegExp(LONE_SURROGATE.source);

/**
 * An external id as a well-formed Unicode string. Redis and JSON store text as UTF-8, where
 * every lone surrogate half becomes the same U+FFFD: "a\uD800" and "a\uD801" would then be
 * one record. A broken id gets each lone half written out as text (`\uD800`, readable for
 * people and no replacement character, which the encoding screen refuses) plus a digest of
 * its original UTF-16 code units, so distinct ids stay distinct even against an id that
 * spells the escape itself; a well-formed id is returned unchanged.
 */
export function wellFormedId(id: string): string {
  if (!HAS_LONE_SURROGATE.test(id)) return id;
  const units = Buffer.from(id, 'utf16le');
  const digest = createHash('sha256').update(units).digest('hex').slice(0, 12);
  const escaped = id.replace(LONE_SURROGATE, (half) => `\\u${half.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${escaped}~${digest}`;
}
