// How the rekap writes its numbers and periods for people, on the page and in the CLI.
import type { Period } from './types.js';

/** Working days with one decimal and a decimal comma ("3,5"); a dash when there is none. */
export function days(n: number | null): string {
  return n === null ? '–' : n.toLocaleString('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** A limit as configured: "3", or "2,5" when it has a fraction. */
export function limitDays(n: number): string {
  return n.toLocaleString('id-ID', { maximumFractionDigits: 1 });
}

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

function longDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${MONTHS[m! - 1]} ${y}`;
}

/** YYYY-MM when the period is exactly one whole month. */
export function wholeMonth(period: Period): string | undefined {
  const month = period.from.slice(0, 7);
  const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  return period.from.endsWith('-01') && period.to === `${month}-${String(last).padStart(2, '0')}` ? month : undefined;
}

/** "Maret 2026", or "1 Maret 2026 – 15 Maret 2026". */
export function periodLabel(period: Period): string {
  const month = wholeMonth(period);
  if (month) return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
  return period.from === period.to ? longDate(period.from) : `${longDate(period.from)} – ${longDate(period.to)}`;
}
