/**
 * Local calendar dates in the instance's zone. Indonesia's zones (WIB, WITA, WIT) keep one
 * UTC offset all year, so a fixed offset is exact and keeps per-complaint date arithmetic
 * cheap; a zone with daylight saving is refused rather than counted wrongly.
 */
export const DAY_MS = 86_400_000;

function offsetAt(timeZone: string, at: Date): number {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
  if (!m) throw new RangeError(`cannot read the UTC offset of time zone "${timeZone}" (got "${name}")`);
  if (!m[1]) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
}

/** The zone's offset in ms; throws for an unknown zone or one that observes daylight saving. */
export function fixedOffsetMs(timeZone: string): number {
  const january = offsetAt(timeZone, new Date(Date.UTC(2026, 0, 15)));
  const july = offsetAt(timeZone, new Date(Date.UTC(2026, 6, 15)));
  if (january !== july)
    throw new RangeError(
      `time zone "${timeZone}" observes daylight saving; working days need a zone with one fixed offset (e.g. Asia/Jakarta)`,
    );
  return january;
}

/** Days since 1970-01-01 of the local date of `at`. */
export function localDayNumber(at: Date, offsetMs: number): number {
  return Math.floor((at.getTime() + offsetMs) / DAY_MS);
}

/** YYYY-MM-DD of the local date of `at`. */
export function localDate(at: Date, offsetMs: number): string {
  return new Date(at.getTime() + offsetMs).toISOString().slice(0, 10);
}

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export function dayNumberOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!) / DAY_MS;
}

/** The instant a local date begins (00:00 local time). */
export function startOfLocalDate(date: string, offsetMs: number): Date {
  return new Date(dayNumberOf(date) * DAY_MS - offsetMs);
}
