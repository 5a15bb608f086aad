import { DateTime } from 'luxon';
import { EARLIEST, FUTURE_SLACK_MS, parseTimestamp, type ParsedTimestamp } from '../common/timestamp.js';
import type { Cell } from './rows.js';

/**
 * Dates as pemda exports write them: configured formats first ('DD/MM/YYYY hh:mm A'), then
 * the built-in ones (ISO, DD/MM/YYYY HH:mm, Excel date cells and serial numbers); a date and
 * a time of day in two columns; wall-clock times read in an IANA zone (daylight saving
 * right) or in a fixed offset. Output is UTC.
 */
export interface DateRules {
  formats: readonly string[];
  /** IANA zone, e.g. Asia/Jakarta; without it `defaultOffset` ("+07:00"). */
  timeZone?: string | undefined;
  defaultOffset: string;
  dayFirst: boolean;
  now: Date;
}

/** Excel keeps dates as days since 1899-12-30; these bounds cover 1954–2119. */
const EXCEL_SERIAL = { min: 20_000, max: 80_000, epochOffsetDays: 25_569 };
const TOKEN = /'[^']*'|YYYY|yyyy|YY|yy|MMMM|MMM|MM|M|DD|dd|D|d|HH|H|hh|h|mm|m|ss|s|A|a|[A-Za-z]+|[^A-Za-z']+/g;
const LUXON: Record<string, string> = { YYYY: 'yyyy', YY: 'yy', DD: 'dd', D: 'd', A: 'a' };
const TIME_OF_DAY = /^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*([AaPp])?\.?\s*[Mm]?\.?$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** 'DD/MM/YYYY hh:mm A' (the common spreadsheet notation) as a luxon format; luxon's own tokens pass as they are. */
export function luxonFormat(format: string): string {
  return (format.match(TOKEN) ?? [])
    .map((t) => {
      if (t.startsWith("'")) return t;
      if (/^(yyyy|yy|MMMM|MMM|MM|M|dd|d|HH|H|hh|h|mm|m|ss|s|a)$/.test(t)) return t;
      if (LUXON[t]) return LUXON[t];
      return /[A-Za-z]/.test(t) ? `'${t}'` : t;
    })
    .join('');
}

/** XLSX dates are wall-clock times stored as if UTC. */
export function wallClock(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** A date cell as text: XLSX dates and serial numbers as wall clock, text trimmed. */
function dateText(cell: Cell): string | undefined {
  if (cell instanceof Date) return wallClock(cell);
  if (typeof cell === 'number' && cell >= EXCEL_SERIAL.min && cell <= EXCEL_SERIAL.max)
    return wallClock(new Date(Math.round((cell - EXCEL_SERIAL.epochOffsetDays) * 86_400_000)));
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'string') return cell.trim();
  return undefined;
}

/** A time-of-day cell as "HH:mm:ss": "14:30", "2:30 PM", "2.30 p.m.", an XLSX time (a date on 1899-12-30) or a fraction of a day. */
export function timeOfDay(cell: Cell): string | undefined {
  if (cell instanceof Date) return wallClock(cell).slice(11);
  if (typeof cell === 'number' && cell >= 0 && cell < 1) {
    const seconds = Math.round(cell * 86_400);
    return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
  }
  if (typeof cell !== 'string') return undefined;
  const m = TIME_OF_DAY.exec(cell.trim());
  if (!m) return undefined;
  let hour = Number(m[1]);
  const meridiem = m[4]?.toLowerCase();
  if (meridiem && (hour < 1 || hour > 12)) return undefined;
  if (meridiem === 'p' && hour < 12) hour += 12;
  if (meridiem === 'a' && hour === 12) hour = 0;
  if (hour > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) return undefined;
  return `${pad(hour)}:${m[2]}:${m[3] ?? '00'}`;
}

function checked(ms: number, shown: string, now: Date): ParsedTimestamp {
  if (ms < EARLIEST) return { ok: false, reason: `absurd date (before 2000): ${shown}` };
  if (ms > now.getTime() + FUTURE_SLACK_MS) return { ok: false, reason: `absurd date (in the future): ${shown}` };
  return { ok: true, iso: new Date(ms).toISOString(), ms };
}

function zoneOf(rules: DateRules): string {
  return rules.timeZone ?? `UTC${rules.defaultOffset}`;
}

/** A configured format, in the zone; month names Indonesian or English, am/pm in any case. */
function byFormats(text: string, rules: DateRules): number | undefined {
  for (const format of rules.formats) {
    for (const locale of ['id', 'en']) {
      for (const candidate of [text, text.replace(/\b([ap])\.?m\.?$/i, (_m, x: string) => `${x.toUpperCase()}M`)]) {
        const parsed = DateTime.fromFormat(candidate, luxonFormat(format), { zone: zoneOf(rules), locale });
        if (parsed.isValid) return parsed.toMillis();
      }
    }
  }
  return undefined;
}

/** A wall-clock text read by the built-in parser, then placed in the zone (so daylight saving is right). */
function builtIn(text: string, rules: DateRules): ParsedTimestamp {
  const far = new Date(8.64e15);
  const asUtc = parseTimestamp(text, { defaultOffset: '+00:00', dayFirst: rules.dayFirst, now: far });
  if (!asUtc.ok)
    return parseTimestamp(text, { defaultOffset: rules.defaultOffset, dayFirst: rules.dayFirst, now: rules.now });
  // A value with its own offset ("…Z", "+07:00") or an epoch keeps it; only wall-clock times take the zone.
  const hasOwnZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) || /^\d+$/.test(text);
  if (hasOwnZone) return checked(asUtc.ms, JSON.stringify(text).slice(0, 40), rules.now);
  const wall = DateTime.fromMillis(asUtc.ms, { zone: 'UTC' });
  const local = DateTime.fromObject(
    {
      year: wall.year,
      month: wall.month,
      day: wall.day,
      hour: wall.hour,
      minute: wall.minute,
      second: wall.second,
      millisecond: wall.millisecond,
    },
    { zone: zoneOf(rules) },
  );
  return checked(local.toMillis(), JSON.stringify(text).slice(0, 40), rules.now);
}

/** The instant of a date cell, with the time of day from a second cell when the export keeps them apart. */
export function timeOfCells(date: Cell | undefined, time: Cell | undefined, rules: DateRules): ParsedTimestamp {
  const day = date === undefined || date === null ? undefined : dateText(date);
  if (day === undefined || day === '') return { ok: false, reason: 'missing' };
  let text = day;
  let formats = rules.formats;
  if (time !== undefined && time !== null && time !== '') {
    const clock = timeOfDay(time);
    if (clock === undefined)
      return { ok: false, reason: `not a recognisable time of day: ${JSON.stringify(time).slice(0, 40)}` };
    // The date part alone (an XLSX date cell carries 00:00:00), then the time of day; a date
    // format without a time ('D MMMM YYYY') reads the date part before it.
    text = `${day.replace(/[ T]00:00(:00)?$/, '')} ${clock}`;
    formats = rules.formats.flatMap((f) => [f, `${f} HH:mm:ss`]);
  }
  const formatted = byFormats(text, { ...rules, formats });
  if (formatted !== undefined) return checked(formatted, JSON.stringify(text).slice(0, 40), rules.now);
  return builtIn(text, rules);
}
