/** Paths split once: they come from the configuration, a few dozen at most, and are read for every field of every record. */
const splitPaths = new Map<string, readonly string[]>();

function keysOf(path: string): readonly string[] {
  let keys = splitPaths.get(path);
  if (!keys) splitPaths.set(path, (keys = path.split('.')));
  return keys;
}

/** Reads a dot path ("data.items") from parsed JSON; undefined when any step is missing. */
export function pick(value: unknown, path: string | null): unknown {
  if (path === null) return undefined;
  let node: unknown = value;
  for (const key of keysOf(path)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Writes a value at a dot path, creating objects on the way; undefined values and null paths are skipped. */
export function put(target: Record<string, unknown>, path: string | null, value: unknown): void {
  if (path === null || value === undefined) return;
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    node = (typeof next === 'object' && next !== null ? next : (node[key] = {})) as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

/** Flattens a JSON body into form fields the way PHP reads them back: a[b]=…, a[]=…. */
export function toForm(body: Record<string, unknown>): URLSearchParams {
  const form = new URLSearchParams();
  const add = (key: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) for (const v of value) add(`${key}[]`, v);
    else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) add(`${key}[${k}]`, v);
    else form.append(key, String(value));
  };
  for (const [k, v] of Object.entries(body)) add(k, v);
  return form;
}
