import { localTime } from '../i18n/zone.js';

/** Plain-text tables for operator commands; `none` (the catalogue's word for it) when there are no rows. */
export function table(rows: readonly Record<string, unknown>[], none: string, columns?: readonly string[]): string {
  if (rows.length === 0) return none;
  const cols = columns ?? Object.keys(rows[0]!);
  const cells = rows.map((r) => cols.map((c) => formatCell(r[c])));
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(cols), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

function formatCell(value: unknown): string {
  if (value === undefined || value === null || value === '') return '-';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Times for people: in the instance's zone with its own name (WIB, WITA, WIT). */
export function shownTime(iso: string | undefined | null, timeZone: string): string {
  return localTime(iso, timeZone, { empty: '-' });
}
