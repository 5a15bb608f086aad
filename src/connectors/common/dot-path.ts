import { z } from 'zod';
import { said } from '../../i18n/schema-text.js';

/**
 * Dot paths into a JSON record: `user.name`, `photos.0.url`, `handling.kesimpulan`.
 * Keys may contain "-" and "@" (JSON-LD, Mongo exports); numeric segments index arrays.
 * Only own properties are followed, so a path can never reach `__proto__` or `constructor`.
 */
const SEGMENT = String.raw`(?:[A-Za-z_$@][\w$@-]*|\d+)`;
export const DOT_PATH = new RegExp(`^[A-Za-z_$@][\\w$@-]*(?:\\.${SEGMENT})*$`);

export const dotPathSchema = z.string().regex(
  DOT_PATH,
  said((t) => t.dotPath),
);

/** One path, or a list tried in order until one gives a value (`[handling.updatedAt, createdAt]`). */
export const dotPathsSchema = z.union([dotPathSchema, z.array(dotPathSchema).min(1)]);
export type DotPaths = z.infer<typeof dotPathsSchema>;

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

export function getPath(value: unknown, path: string): unknown {
  let node: unknown = value;
  for (const segment of path.split('.')) {
    if (node === null || typeof node !== 'object' || FORBIDDEN.has(segment)) return undefined;
    if (Array.isArray(node)) {
      if (!/^\d+$/.test(segment)) return undefined;
      node = node[Number(segment)];
      continue;
    }
    if (!Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** The first value that is neither undefined, null nor an empty string. */
export function getFirst(value: unknown, paths: DotPaths | undefined): unknown {
  if (paths === undefined) return undefined;
  for (const path of typeof paths === 'string' ? [paths] : paths) {
    const found = getPath(value, path);
    if (found !== undefined && found !== null && found !== '') return found;
  }
  return undefined;
}

/** A copy of `doc` with `item` appended to the array at `path` (created when missing). */
export function withAppended(doc: Record<string, unknown>, path: string, item: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (head === undefined || FORBIDDEN.has(head)) return doc;
  const current = Object.hasOwn(doc, head) ? doc[head] : undefined;
  if (rest.length === 0) return { ...doc, [head]: [...(Array.isArray(current) ? current : []), item] };
  const child =
    current !== null && typeof current === 'object' && !Array.isArray(current)
      ? (current as Record<string, unknown>)
      : {};
  return { ...doc, [head]: withAppended(child, rest.join('.'), item) };
}
