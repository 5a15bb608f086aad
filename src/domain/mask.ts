/**
 * Masking of personal data inside free text: phone numbers, NIK and KK numbers, e-mail
 * addresses. Used for logs and for every text pushed to another system.
 * Phones are shown the way LAPOR shows them: first and last digit kept, "0[*****]9".
 */
const PHONE = /(?<![\w+])(?:\+62|62|0)[\s.-]?8(?:[\s.-]?\d){7,11}(?!\d)/g;
/** NIK and KK: 16 digits, also typed in groups of four ("3316 0123 4567 8901"). */
const SIXTEEN_DIGITS = /(?<!\d)(?:\d{16}|\d{4}([ .-])\d{4}\1\d{4}\1\d{4})(?!\d)/g;
// Starts only where a run of address characters starts, so a long word costs one pass, not a pass per letter.
const EMAIL = /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 3) return '[***]';
  return `${digits[0]}[${'*'.repeat(digits.length - 2)}]${digits[digits.length - 1]}`;
}

export function maskText(text: string): string {
  return text
    .replace(EMAIL, '[email disamarkan]')
    .replace(SIXTEEN_DIGITS, '[NIK/KK disamarkan]')
    .replace(PHONE, (m) => maskPhone(m));
}
