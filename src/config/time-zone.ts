import { fixedOffsetMs } from '../domain/local-date.js';
import type { Catalog } from '../i18n/messages.js';
import { closest } from './hints.js';
import type { ConfigProblem } from './problems.js';

function known(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * `instance.timezone` must be a real zone with one fixed offset: every time shown to people,
 * the working-day clock and the schedules depend on it. A typo ("Asia/Jakrta") is named here,
 * at load, with the zone it probably meant, instead of crashing the first rekap.
 */
export function timeZoneProblems(zone: unknown, text: Catalog['config']): ConfigProblem[] {
  if (typeof zone !== 'string' || zone.trim() === '') return [];
  if (!known(zone)) {
    const guess = closest(zone, Intl.supportedValuesOf('timeZone'));
    return [{ path: 'instance.timezone', message: text.unknownTimeZone(zone), hint: text.timeZoneHint(guess) }];
  }
  try {
    fixedOffsetMs(zone);
    return [];
  } catch {
    return [{ path: 'instance.timezone', message: text.daylightSaving(zone), hint: text.timeZoneHint(undefined) }];
  }
}
