import { parseIsoInstant } from '../../domain/instant.js';

/**
 * LAPOR timestamps come either as ISO 8601 with an offset or as "YYYY-MM-DD HH:mm:ss" in
 * local time (WIB) without one; MySQL's zero date "0000-00-00 00:00:00" means "no value".
 */
const LOCAL = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** Epoch milliseconds, or undefined when the text is not a real instant. */
export function parseTimestamp(text: string, offset: string): number | undefined {
  const value = text.trim();
  if (value.startsWith('0000-00-00')) return undefined;
  const local = LOCAL.exec(value);
  const iso = local ? `${local[1]}T${local[2]}${offset}` : ISO_WITH_OFFSET.test(value) ? value : undefined;
  if (iso === undefined) return undefined;
  return parseIsoInstant(iso);
}

function offsetMs(offset: string): number {
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number);
  return sign * ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
}

/** How we send a time: ISO with the configured offset, or local "YYYY-MM-DD HH:mm:ss". */
export function formatTimestamp(ms: number, mode: 'iso' | 'local', offset: string): string {
  const shifted = new Date(Math.floor(ms / 1000) * 1000 + offsetMs(offset)).toISOString().slice(0, 19);
  return mode === 'iso' ? `${shifted}${offset}` : shifted.replace('T', ' ');
}
