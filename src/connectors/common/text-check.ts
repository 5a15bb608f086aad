/**
 * Why a complaint text cannot be taken as it is. Cleaning (HTML, signatures, whitespace)
 * is the pipeline's job; here only what makes a record unusable is rejected, so the raw
 * record goes to quarantine with a reason instead of poisoning the ledger.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
// UTF-8 bytes read as Latin-1/Windows-1252: "Ã©", "â€™". Indonesian text has no reason to contain these pairs.
const DOUBLE_ENCODED = /Ã[\u0080-\u00BF]|â€[\u0080-\u00BF\u2018-\u203A]/;

export const DEFAULT_MAX_TEXT_LENGTH = 20_000;

export function textProblem(text: string, maxLength: number): string | undefined {
  if (text.trim() === '') return 'missing text';
  if (text.length > maxLength) return `text too long (${text.length} characters, limit ${maxLength})`;
  if (text.includes('\uFFFD')) return 'broken encoding: text contains replacement characters (U+FFFD)';
  if (LONE_SURROGATE.test(text)) return 'broken encoding: text contains unpaired UTF-16 surrogates';
  if (CONTROL.test(text)) return 'broken encoding: text contains control characters';
  if (DOUBLE_ENCODED.test(text)) return 'broken encoding: text looks double-encoded (UTF-8 read as Latin-1)';
  return undefined;
}
