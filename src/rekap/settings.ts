import type { Config } from '../config/schema.js';
import { slaPolicy, type SlaPolicy, type TimeLimits } from '../sla/policy.js';
import type { RekapUnits } from './opd-key.js';

/** What the rekap needs from configuration, built once at start. */
export interface RekapSettings {
  timeZone: string;
  offsetMs: number;
  /** The SLA clock's calendar, limits and overrides (src/sla/). */
  sla: SlaPolicy;
  /** The default limits, as a rekap states them. */
  limits: TimeLimits;
  overdueListSize: number;
  dueLookbackDays: number;
  /** The OPD directory the rows are keyed on. */
  units?: RekapUnits;
}

/** The time zone was checked at load (config/time-zone.ts): one fixed offset. */
export function rekapSettings(
  config: Pick<Config, 'instance' | 'calendar' | 'timeLimits' | 'rekap'>,
  units?: RekapUnits,
): RekapSettings {
  const sla = slaPolicy(config, units ? (code) => units.current(code)?.code : undefined);
  return {
    timeZone: config.instance.timezone,
    offsetMs: sla.offsetMs,
    sla,
    limits: { ...sla.limits },
    overdueListSize: config.rekap.overdueListSize,
    dueLookbackDays: config.rekap.dueLookbackDays ?? 365,
    ...(units ? { units } : {}),
  };
}
