/** Labels are compared loosely: case, surrounding space, and "_" / "-" versus space do not matter. */
export function normalizeLabel(label: string): string {
  return label
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

/** Merges an operator's table over the defaults; a label set to null is removed (→ triage). */
export function mergeTable<V extends string>(
  defaults: Readonly<Record<string, V>>,
  overrides: Readonly<Record<string, V | null>>,
): Record<string, V> {
  const out: Record<string, V> = {};
  for (const [k, v] of Object.entries(defaults)) out[normalizeLabel(k)] = v;
  for (const [k, v] of Object.entries(overrides)) {
    if (v === null) delete out[normalizeLabel(k)];
    else out[normalizeLabel(k)] = v;
  }
  return out;
}
