/**
 * How many characters of a text are not valid Unicode: numeric entities outside it or naming
 * a surrogate half (`&#1114112;`, `&#xD800;`), and lone surrogate halves. cleanText replaces
 * them; ingest counts them so the complaint is flagged for an operator instead of failing.
 */
const NUMERIC_ENTITY = /&#(\d{1,8}|[xX][0-9a-fA-F]{1,8});/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function isValidCodePoint(code: number): boolean {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
}

export function countInvalidCharacters(raw: string): number {
  let count = raw.match(LONE_SURROGATE)?.length ?? 0;
  for (const m of raw.matchAll(NUMERIC_ENTITY)) {
    const digits = m[1]!;
    const code = digits[0] === 'x' || digits[0] === 'X' ? parseInt(digits.slice(1), 16) : Number(digits);
    if (!isValidCodePoint(code)) count += 1;
  }
  return count;
}

/** Each lone surrogate half as U+FFFD: the text becomes well-formed. */
export function replaceLoneSurrogates(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}
