import type { Config } from '../config/schema.js';
import { fixedOffsetMs } from '../domain/local-date.js';
import { createWorkingCalendar, type WorkingCalendar } from '../domain/working-days.js';
import type { RekapUnits } from './opd-key.js';
import type { TimeLimits } from './types.js';

/** What the rekap needs from configuration, built once at start. */
export interface RekapSettings {
  timeZone: string;
  offsetMs: number;
  calendar: WorkingCalendar;
  limits: TimeLimits;
  overdueListSize: number;
  /** The OPD directory the rows are keyed on. */
  units?: RekapUnits;
}

/** The time zone was checked at load (config/time-zone.ts): one fixed offset. */
export function rekapSettings(
  config: Pick<Config, 'instance' | 'calendar' | 'timeLimits' | 'rekap'>,
  units?: RekapUnits,
): RekapSettings {
  const offsetMs = fixedOffsetMs(config.instance.timezone);
  return {
    timeZone: config.instance.timezone,
    offsetMs,
    calendar: createWorkingCalendar({ holidays: config.calendar.holidays, offsetMs }),
    limits: { ...config.timeLimits },
    overdueListSize: config.rekap.overdueListSize,
    ...(units ? { units } : {}),
  };
}
