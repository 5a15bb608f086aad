import type { ImportState, RejectedRow } from '../store/import-tally.js';

const n = (value: number) => value.toLocaleString('en-US');

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
  duplicates: readonly { row: number; sameAs: number }[] = [],
): string[] {
  const duplicate = tally.known + tally.repeated;
  const width = n(tally.rows).length;
  const line = (label: string, value: number, note = '') =>
    `  ${label.padEnd(10)} ${n(value).padStart(width)}${note ? `   ${note}` : ''}`;
  const lines = [
    line('rows read', tally.rows),
    line('imported', tally.imported, 'new complaints'),
    line(
      'duplicate',
      duplicate,
      `${n(tally.known)} already in the ledger, ${n(tally.repeated)} repeated in this file (same number and content)`,
    ),
  ];
  // True duplicates are merged, and said: which row repeats which.
  const shown = duplicates.slice(0, 8).map((d) => `row ${d.row} = row ${d.sameAs}`);
  if (shown.length > 0)
    lines.push(
      `  ${''.padEnd(10)} ${''.padStart(width)}   ${shown.join(', ')}${duplicates.length > shown.length ? `, … ${n(duplicates.length - shown.length)} more` : ''}`,
    );
  lines.push(line('rejected', tally.rejected, rejectsFile ? `rows, reasons and cells in ${rejectsFile}` : ''));
  const kinds = reasonCounts(rejects);
  for (const [kind, count] of kinds.slice(0, 8)) lines.push(`  ${''.padEnd(10)} ${n(count).padStart(width)}   ${kind}`);
  if (kinds.length > 8)
    lines.push(`  ${''.padEnd(10)} ${''.padStart(width)}   … and ${kinds.length - 8} other reasons (see the file)`);
  return lines;
}
