import { wellFormedId } from '../../domain/external-id.js';
import { getPath } from './dot-path.js';

/**
 * Lenient readers for raw values. Identity fields are strict (an id that is not a string
 * or an integer is no id); optional fields give `undefined` when the value is unusable.
 */

/** Strings, integers, and Mongo extended JSON `{ "$oid": "…" }`; always well-formed Unicode (see wellFormedId). */
export function toId(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : wellFormedId(value.trim());
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : undefined;
  if (typeof value === 'bigint') return value.toString();
  if (value !== null && typeof value === 'object' && typeof (value as { $oid?: unknown }).$oid === 'string')
    return toId((value as { $oid: string }).$oid);
  return undefined;
}

export function toText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  // A 16-digit NIK sent as a JSON number has already lost digits: better none than a wrong one.
  if (typeof value === 'number' && Number.isFinite(value) && (!Number.isInteger(value) || Number.isSafeInteger(value)))
    return String(value);
  return undefined;
}

/** Trimmed text, or undefined when empty. */
export function toLabel(value: unknown): string | undefined {
  const text = toText(value)?.trim();
  return text === '' ? undefined : text;
}

const TRUE = new Set(['true', '1', 'yes', 'y', 'ya', 'iya', 'on']);
const FALSE = new Set(['false', '0', 'no', 'n', 'tidak', 'off', '']);

/**
 * Flags arrive as booleans, 0/1, "1"/"0", "ya"/"tidak". `undefined` means "present but not
 * understood": callers reject the record rather than guess a privacy flag.
 */
export function toFlag(value: unknown): boolean | undefined {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  return undefined;
}

/** Coordinates come as numbers or strings, sometimes with a decimal comma ("-6,9712"). */
export function toCoordinate(value: unknown, limit: number): number | undefined {
  let n: number | undefined;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    const text = value.trim();
    const normalised = /^-?\d+,\d+$/.test(text) ? text.replace(',', '.') : text;
    n = /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : undefined;
  }
  if (n === undefined || !Number.isFinite(n) || Math.abs(n) > limit) return undefined;
  return n;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Attachment URLs from a string, a list of strings, or a list of objects (`itemPath` inside each). */
export function toUrls(value: unknown, itemPath?: string): string[] {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const urls: string[] = [];
  for (const item of items) {
    const candidate = itemPath ? getPath(item, itemPath) : item;
    if (typeof candidate === 'string' && isHttpUrl(candidate.trim())) urls.push(candidate.trim());
  }
  return urls;
}
