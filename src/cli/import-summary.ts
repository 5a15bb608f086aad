import type { Catalog, Language } from '../i18n/messages.js';
import { count } from '../rekap/labels.js';
import type { ImportState, RejectedRow } from '../store/import-tally.js';

/** "row 17: reportedAt: not a recognisable date/time: "kemarin"" → "reportedAt: not a recognisable date/time". */
export function reasonKind(reason: string): string {
  return reason
    .replace(/^row \d+: /, '')
    .replace(/: ".*"$/s, '')
    .replace(/ \(\d+ characters, limit \d+\)$/, '');
}

export function reasonCounts(rows: readonly RejectedRow[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(reasonKind(r.reason), (counts.get(reasonKind(r.reason)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The closing summary: every row read lands in exactly one of imported, duplicate, rejected. */
export function summaryLines(
  tally: ImportState,
  rejects: readonly RejectedRow[],
  rejectsFile: string | undefined,
  duplicates: readonly { row: number; sameAs: number }[],
  t: Catalog['cli']['import']['summary'],
  language: Language,
): string[] {
  const n = (value: number) => count(value, language);
  const duplicate = tally.known + tally.repeated;
  const width = n(tally.rows).length;
  const labels = Math.max(10, t.rows.length, t.imported.length, t.duplicate.length, t.rejected.length);
  const line = (label: string, value: number, note = '') =>
    `  ${label.padEnd(labels)} ${n(value).padStart(width)}${note ? `   ${note}` : ''}`;
  const aside = (text: string, value = '') => `  ${''.padEnd(labels)} ${value.padStart(width)}   ${text}`;
  const lines = [
    line(t.rows, tally.rows),
    line(t.imported, tally.imported, t.importedNote),
    line(t.duplicate, duplicate, t.duplicateNote(n(tally.known), n(tally.repeated))),
  ];
  // True duplicates are merged, and said: which row repeats which.
  const shown = duplicates.slice(0, 8).map((d) => t.sameRow(n(d.row), n(d.sameAs)));
  if (shown.length > 0)
    lines.push(
      aside(
        `${shown.join(', ')}${duplicates.length > shown.length ? t.more(n(duplicates.length - shown.length)) : ''}`,
      ),
    );
  lines.push(line(t.rejected, tally.rejected, rejectsFile ? t.rejectedNote(rejectsFile) : ''));
  const kinds = reasonCounts(rejects);
  for (const [kind, times] of kinds.slice(0, 8)) lines.push(aside(kind, n(times)));
  if (kinds.length > 8) lines.push(aside(t.otherReasons(kinds.length - 8)));
  return lines;
}
