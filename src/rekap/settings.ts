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
  maxComplaints: number;
  /** The OPD directory the rows are keyed on. */
  units?: RekapUnits;
}

/** Throws at start for a time zone with daylight saving (see local-date.ts). */
export function rekapSettings(config: Pick<Config, 'instance' | 'calendar' | 'timeLimits' | 'rekap'>, units?: RekapUnits): RekapSettings {
  const offsetMs = fixedOffsetMs(config.instance.timezone);
  return {
    timeZone: config.instance.timezone,
    offsetMs,
    calendar: createWorkingCalendar({ holidays: config.calendar.holidays, offsetMs }),
    limits: { ...config.timeLimits },
    maxComplaints: config.rekap.maxComplaints,
    ...(units ? { units } : {}),
  };
}
