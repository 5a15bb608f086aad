/**
 * Instants read from text, refusing what does not exist. `Date.parse` rolls 2026-02-30
 * over into March and accepts 24:00; a record stamped with an impossible date is broken,
 * not a day later, so every parser of external times checks the calendar here.
 */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A real Y-M-D (Gregorian) and a real wall-clock time (no 24:00, no :60). */
export function isRealDateTime(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): boolean {
  if (![year, month, day, hour, minute, second].every(Number.isInteger)) return false;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
}

const ISO_FIELDS = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/;

/** Why an ISO-shaped text names no real date or time, or undefined when its fields are real. */
export function impossibleIsoFields(text: string): string | undefined {
  const m = ISO_FIELDS.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12) return `month ${m[2]} does not exist`;
  if (day < 1 || day > daysInMonth(year, month)) return `${m[1]}-${m[2]} has no day ${m[3]}`;
  if (!isRealDateTime(year, month, day, hour, minute, second))
    return `time ${m[4]}:${m[5]}${m[6] ? `:${m[6]}` : ''} does not exist`;
  return undefined;
}

/** The number of `n` digits at `i`, or -1. */
function digitsAt(text: string, i: number, n: number): number {
  let value = 0;
  for (let k = i; k < i + n; k++) {
    const d = text.charCodeAt(k) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * impossibleIsoFields's answer without its allocations, for the text every record carries a
 * few of ("2026-03-01T09:00:00+07:00", "2026-03-01 09:00"): true or false where the fields
 * stand at their usual places, undefined where the general reading must decide.
 */
function realAtUsualPlaces(text: string): boolean | undefined {
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 0 || day < 0 || text[4] !== '-' || text[7] !== '-') return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  const sep = text[10];
  if (sep !== 'T' && sep !== ' ') return text.length === 10 ? true : undefined;
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  if (hour < 0 || minute < 0 || text[13] !== ':') return undefined;
  const second = text[16] === ':' ? digitsAt(text, 17, 2) : 0;
  if (second < 0) return undefined;
  return hour <= 23 && minute <= 59 && second <= 59;
}

/** Epoch ms of an ISO 8601 text whose calendar fields are real; undefined otherwise. */
export function parseIsoInstant(text: string): number | undefined {
  const real = realAtUsualPlaces(text) ?? impossibleIsoFields(text) === undefined;
  if (!real) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
