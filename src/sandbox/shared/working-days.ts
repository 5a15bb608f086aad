/**
 * Working-day arithmetic as the imitated systems count it: Monday to Friday in WIB (UTC+7,
 * no daylight saving). National holidays are ignored, as a sandbox has no calendar source.
 */
const WIB_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

function wibWeekday(at: Date): number {
  return new Date(at.getTime() + WIB_OFFSET_MS).getUTCDay();
}

export function isWorkingDay(at: Date): boolean {
  const day = wibWeekday(at);
  return day !== 0 && day !== 6;
}

/** The same WIB time of day, `days` working days later. */
export function addWorkingDays(from: Date, days: number): Date {
  let at = from.getTime();
  let left = days;
  while (left > 0) {
    at += DAY_MS;
    if (isWorkingDay(new Date(at))) left--;
  }
  return new Date(at);
}
