import { ConnectorError } from '../../domain/failures.js';
import type { ColumnKey, FileImportConfig } from './config.js';

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** Configured column → its index in the file; a configured column missing from the header is the operator's to fix. */
export type ColumnIndex = Partial<Record<ColumnKey, number>>;

export function resolveColumns(
  header: readonly string[],
  columns: FileImportConfig['columns'],
  system: string,
): ColumnIndex {
  const positions = new Map<string, number>();
  header.forEach((h, i) => {
    if (!positions.has(normalise(h))) positions.set(normalise(h), i);
  });
  const index: ColumnIndex = {};
  const missing: string[] = [];
  for (const [key, names] of Object.entries(columns) as [ColumnKey, string | string[] | undefined][]) {
    if (names === undefined) continue;
    const candidates = typeof names === 'string' ? [names] : names;
    const at = candidates.map((n) => positions.get(normalise(n))).find((i) => i !== undefined);
    if (at === undefined) missing.push(`${key} (${candidates.map((c) => `"${c}"`).join(' or ')})`);
    else index[key] = at;
  }
  if (missing.length > 0) {
    throw new ConnectorError(
      'INVALID_PAYLOAD',
      `${system}: columns not found: ${missing.join(', ')}; the header has: ${header.map((h) => `"${h}"`).join(', ')}`,
    );
  }
  return index;
}
