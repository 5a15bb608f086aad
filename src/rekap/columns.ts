import type { Catalog } from '../i18n/messages.js';
import type { RekapCounts } from './types.js';

/** The per-OPD table's columns, in order: the page, the CLI, CSV and XLSX all use these. */
export const REKAP_COLUMNS = [
  'total',
  'share',
  'answeredOnTime',
  'answeredLate',
  'answeredUndated',
  'pending',
  'overdue',
  'notAuthority',
  'closedWithoutAnswer',
  'median',
  'p90',
  'topics',
] as const;
export type RekapColumn = (typeof REKAP_COLUMNS)[number];

/** Columns whose value is a number (sortable as numbers, right-aligned). */
export const NUMERIC_COLUMNS: ReadonlySet<RekapColumn> = new Set(REKAP_COLUMNS.filter((c) => c !== 'topics'));

/** A cell's value: a count, a share (0–1), working days, or the top topics as text. */
export function cellValue(c: RekapCounts, column: RekapColumn, whole: number): number | string | null {
  switch (column) {
    case 'share':
      return whole === 0 ? null : c.total / whole;
    case 'median':
      return c.medianFirstAnswerWorkingDays;
    case 'p90':
      return c.p90FirstAnswerWorkingDays;
    case 'topics':
      return topicsText(c);
    default:
      return c[column];
  }
}

/** "Jalan rusak (12), Air bersih (5)": categories first, then words where there is no category. */
export function topicsText(c: RekapCounts, size = 3): string {
  return [...c.topCategories, ...c.topWords]
    .slice(0, size)
    .map((t) => `${t.topic} (${t.count})`)
    .join(', ');
}

export function columnLabel(text: Catalog['rekap'], column: RekapColumn): string {
  return text.columns[column];
}
