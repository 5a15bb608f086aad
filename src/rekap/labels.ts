// How the rekap writes its numbers and periods for people, on the page, in the CLI and exports.
import type { Language } from '../i18n/messages.js';
import { messages } from '../i18n/messages.js';
import type { Period } from './types.js';

const LOCALES: Readonly<Record<Language, string>> = { id: 'id-ID', en: 'en-GB' };

/** Working days with one decimal ("3,5" in Indonesian); a dash when there is none. */
export function days(n: number | null, language: Language = 'id'): string {
  return n === null ? '–' : n.toLocaleString(LOCALES[language], { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** Hours with at most one decimal ("9,2" in Indonesian); a dash when there is none. */
export function hours(n: number | null, language: Language = 'id'): string {
  return n === null ? '–' : n.toLocaleString(LOCALES[language], { maximumFractionDigits: 1 });
}

/** A limit as configured: "3", or "2,5" when it has a fraction. */
export function limitDays(n: number, language: Language = 'id'): string {
  return n.toLocaleString(LOCALES[language], { maximumFractionDigits: 1 });
}

export function count(n: number, language: Language = 'id'): string {
  return n.toLocaleString(LOCALES[language]);
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${Math.round((part / whole) * 100)}%`;
}

/** "+12%" / "−5%" / "=" against a previous value; "–" when there was nothing before. */
export function change(now: number, before: number): string {
  if (before === 0) return now === 0 ? '=' : '–';
  const pct = Math.round(((now - before) / before) * 100);
  return pct === 0 ? '=' : `${pct > 0 ? '+' : '−'}${Math.abs(pct)}%`;
}

function longDate(date: string, language: Language): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${messages(language).rekap.months[m! - 1]} ${y}`;
}

/** YYYY-MM when the period is exactly one whole month. */
export function wholeMonth(period: Period): string | undefined {
  const month = period.from.slice(0, 7);
  const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  return period.from.endsWith('-01') && period.to === `${month}-${String(last).padStart(2, '0')}` ? month : undefined;
}

/** "Maret 2026", or "1 Maret 2026 – 15 Maret 2026". */
export function periodLabel(period: Period, language: Language = 'id'): string {
  const month = wholeMonth(period);
  if (month) return `${messages(language).rekap.months[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
  return period.from === period.to
    ? longDate(period.from, language)
    : `${longDate(period.from, language)} – ${longDate(period.to, language)}`;
}
