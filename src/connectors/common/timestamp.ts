import { impossibleIsoFields, parseIsoInstant } from '../../domain/instant.js';

/**
 * Timestamps as regional systems send them: ISO 8601 with or without offset, Laravel/MySQL
 * "YYYY-MM-DD HH:mm:ss" (local time, no offset), Indonesian spreadsheet dates
 * "DD/MM/YYYY HH:mm", and epoch seconds or milliseconds. Output is always UTC ISO.
 */
export interface TimestampOptions {
  /** Offset for values without one; pemda servers mostly run in WIB. */
  defaultOffset: string;
  /** Slash/dash dates with the day first (Indonesian habit) or the month first. */
  dayFirst: boolean;
  now: Date;
}

/** Records older than this are treated as a broken value, not history (LAPOR started 2013). */
export const EARLIEST = Date.UTC(2000, 0, 1);
/** A little slack for servers whose clocks run ahead. */
export const FUTURE_SLACK_MS = 24 * 3600 * 1000;

export type ParsedTimestamp = { ok: true; iso: string; ms: number } | { ok: false; reason: string };

const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$/;

function fromEpoch(n: number): number | undefined {
  if (!Number.isFinite(n) || n <= 0) return undefined;
  if (n >= 1e11) return n; // milliseconds
  if (n >= 1e8) return n * 1000; // seconds
  return undefined;
}

function localToMs(
  y: string,
  mo: string,
  d: string,
  h = '0',
  mi = '0',
  s = '0',
  frac = '',
  offset: string,
): number | undefined {
  const pad = (v: string, n = 2) => v.padStart(n, '0');
  const ms = Date.parse(`${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${frac}${offset}`);
  const back = new Date(ms + offsetMinutes(offset) * 60_000);
  // Date.parse rolls 31/02 over into March; a real date survives the round trip.
  if (Number.isNaN(ms) || back.getUTCDate() !== Number(d) || back.getUTCMonth() + 1 !== Number(mo)) return undefined;
  return ms;
}

function offsetMinutes(offset: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function parseToMs(value: unknown, options: TimestampOptions): number | undefined {
  if (typeof value === 'number') return fromEpoch(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return fromEpoch(Number(text));
  if (ISO_WITH_OFFSET.test(text))
    return parseIsoInstant(text.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  const iso = ISO_LOCAL.exec(text);
  if (iso) return localToMs(iso[1]!, iso[2]!, iso[3]!, iso[4], iso[5], iso[6], iso[7] ?? '', options.defaultOffset);
  const slashed = SLASHED.exec(text);
  if (slashed) {
    const [first, second] = [slashed[1]!, slashed[2]!];
    const [d, mo] = options.dayFirst ? [first, second] : [second, first];
    return localToMs(slashed[3]!, mo, d, slashed[4], slashed[5], slashed[6], '', options.defaultOffset);
  }
  return undefined;
}

export function parseTimestamp(value: unknown, options: TimestampOptions): ParsedTimestamp {
  if (value === undefined || value === null || value === '') return { ok: false, reason: 'missing' };
  const shown = (JSON.stringify(value) ?? String(value)).slice(0, 40);
  const impossible = typeof value === 'string' ? impossibleIsoFields(value) : undefined;
  if (impossible !== undefined) return { ok: false, reason: `impossible date (${impossible}): ${shown}` };
  const ms = parseToMs(value, options);
  if (ms === undefined) return { ok: false, reason: `not a recognisable date/time: ${shown}` };
  if (ms < EARLIEST) return { ok: false, reason: `absurd date (before 2000): ${shown}` };
  if (ms > options.now.getTime() + FUTURE_SLACK_MS)
    return { ok: false, reason: `absurd date (in the future): ${shown}` };
  return { ok: true, iso: new Date(ms).toISOString(), ms };
}

/** Offset setting as in config: "+07:00" for WIB, "+08:00" WITA, "+09:00" WIT. */
export const OFFSET_PATTERN = /^[+-]\d{2}:\d{2}$/;
