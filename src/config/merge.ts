export type Tree = Record<string, unknown>;

export function isTree(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Deep-merges `layer` into `base` (objects merge, everything else replaces) and records in
 * `origins` which layer set each leaf path.
 */
export function mergeLayer(base: Tree, layer: Tree, origin: string, origins: Map<string, string>, prefix = ''): Tree {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(layer)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const current = out[key];
    if (isTree(value) && isTree(current)) {
      out[key] = mergeLayer(current, value, origin, origins, path);
    } else {
      out[key] = value;
      origins.set(path, origin);
    }
  }
  return out;
}

/**
 * Sets a value at a path whose segments are matched case-insensitively against existing
 * keys (environment variables are upper case, config keys camelCase). Unmatched segments
 * are kept lower-cased so that validation reports them as unknown keys.
 */
export function setPath(tree: Tree, segments: readonly string[], value: unknown): { tree: Tree; path: string } {
  const [head, ...rest] = segments;
  if (head === undefined) return { tree, path: '' };
  const key = Object.keys(tree).find((k) => k.toLowerCase() === head.toLowerCase()) ?? head.toLowerCase();
  if (rest.length === 0) return { tree: { ...tree, [key]: value }, path: key };
  const child = isTree(tree[key]) ? (tree[key] as Tree) : {};
  const inner = setPath(child, rest, value);
  return { tree: { ...tree, [key]: inner.tree }, path: `${key}.${inner.path}` };
}
