import type { Status } from '../../domain/status.js';

const normalise = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Looks a source status up in a configured table: exactly, then ignoring case and spacing
 * ("Selesai  penanganan"). No entry gives undefined, so the record goes to triage.
 */
export function statusLookup(map: Readonly<Record<string, Status>>): (value: string | undefined) => Status | undefined {
  const loose = new Map(Object.entries(map).map(([k, v]) => [normalise(k), v]));
  return (value) => (value === undefined ? undefined : (map[value] ?? loose.get(normalise(value))));
}
