import { DAY_MS, dayNumberOf } from './local-date.js';

/**
 * Hari kerja as the LAPOR time limits count them: Monday to Friday in the instance's zone,
 * minus national holidays and cuti bersama. Those are set by decree every year, so they
 * come from configuration (`calendar.holidays`), never from code.
 */
export interface WorkingCalendar {
  /** Whether the local date of `at` is a working day. */
  isWorkingDay(at: Date): boolean;
  /**
   * Working time from `from` to `to`, in working days: each hour of a working day counts
   * 1/24, weekends and holidays count nothing. Reported Monday 09:00, it reaches 5 on the
   * next Monday 09:00; reported on a Saturday, the count starts on Monday 00:00.
   */
  workingDaysBetween(from: Date, to: Date): number;
  /**
   * The instant `days` of working time after `from`: the inverse of `workingDaysBetween`
   * (Monday 09:00 plus 5 is the next Monday 09:00; Saturday plus 3 ends on Wednesday, which
   * is Thursday 00:00).
   */
  addWorkingDays(from: Date, days: number): Date;
}

// Day 0 (1970-01-01) was a Thursday: Mon–Fri among the first k days of any 7-day block from it.
const WEEKDAYS_IN_FIRST = [0, 1, 2, 2, 2, 3, 4, 5] as const;

function weekdaysBefore(day: number): number {
  const weeks = Math.floor(day / 7);
  return weeks * 5 + WEEKDAYS_IN_FIRST[day - weeks * 7]!;
}

function isWeekday(day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7; // 0 = Sunday
  return weekday !== 0 && weekday !== 6;
}

/** Index of the first element >= value. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function createWorkingCalendar(options: { holidays: readonly string[]; offsetMs: number }): WorkingCalendar {
  const { offsetMs } = options;
  // A holiday on a weekend takes no working day away, so only weekday holidays are kept.
  const holidays = [...new Set(options.holidays.map(dayNumberOf))].filter(isWeekday).sort((a, b) => a - b);

  /** Working days among local days [first, end). Constant time apart from two binary searches. */
  const workingDaysIn = (first: number, end: number): number =>
    end <= first
      ? 0
      : weekdaysBefore(end) - weekdaysBefore(first) - (lowerBound(holidays, end) - lowerBound(holidays, first));
  const isWorkingDayNumber = (day: number): boolean => workingDaysIn(day, day + 1) === 1;

  return {
    isWorkingDay: (at) => isWorkingDayNumber(Math.floor((at.getTime() + offsetMs) / DAY_MS)),
    workingDaysBetween(from, to) {
      const a = from.getTime() + offsetMs;
      const b = to.getTime() + offsetMs;
      if (b <= a) return 0;
      const firstDay = Math.floor(a / DAY_MS);
      const lastDay = Math.floor(b / DAY_MS);
      const intoFirst = (a - firstDay * DAY_MS) / DAY_MS;
      const intoLast = (b - lastDay * DAY_MS) / DAY_MS;
      if (firstDay === lastDay) return isWorkingDayNumber(firstDay) ? intoLast - intoFirst : 0;
      return (
        (isWorkingDayNumber(firstDay) ? 1 - intoFirst : 0) +
        workingDaysIn(firstDay + 1, lastDay) +
        (isWorkingDayNumber(lastDay) ? intoLast : 0)
      );
    },
    addWorkingDays(from, days) {
      if (!(days > 0)) return from;
      const a = from.getTime() + offsetMs;
      let day = Math.floor(a / DAY_MS);
      let left = days;
      // The rest of the first day, then whole days: a limit is at most some weeks, holidays included.
      let into = (a - day * DAY_MS) / DAY_MS;
      for (;;) {
        if (isWorkingDayNumber(day)) {
          const rest = 1 - into;
          if (left <= rest) return new Date(Math.round((day + into + left) * DAY_MS - offsetMs));
          left -= rest;
        }
        day += 1;
        into = 0;
      }
    },
  };
}
