import { screenText } from '../../text/encoding.js';

/**
 * Why a complaint text cannot be taken as it is. Cleaning (HTML, signatures, whitespace)
 * is the pipeline's job; here only what makes a record unusable is rejected, so the raw
 * record goes to quarantine with a reason instead of poisoning the ledger. Encoding follows
 * the one rule of src/text/encoding.ts: repairable mojibake passes here and is repaired
 * when the record is accepted.
 */
export const DEFAULT_MAX_TEXT_LENGTH = 20_000;

export function textProblem(text: string, maxLength: number): string | undefined {
  if (text.trim() === '') return 'missing text';
  if (text.length > maxLength) return `text too long (${text.length} characters, limit ${maxLength})`;
  const screened = screenText(text);
  return screened.ok ? undefined : screened.reason;
}
