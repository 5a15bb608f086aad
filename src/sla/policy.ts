import type { Config } from '../config/schema.js';
import type { ComplaintOpd } from '../domain/complaint.js';
import { fixedOffsetMs } from '../domain/local-date.js';
import type { Classification } from '../domain/status.js';
import { createWorkingCalendar, type WorkingCalendar } from '../domain/working-days.js';

/** LAPOR's time limits in working days (configuration `timeLimits`). */
export interface TimeLimits {
  disposeWorkingDays: number;
  followUpWorkingDays: number;
}

/** Everything the SLA clock needs, built once from configuration. */
export interface SlaPolicy {
  calendar: WorkingCalendar;
  /** The instance's UTC offset: "tomorrow" and dates shown are local. */
  offsetMs: number;
  /** The default limits. */
  limits: TimeLimits;
  autoCloseWorkingDays: number;
  overrides: {
    classification: Partial<Record<Classification, Partial<TimeLimits>>>;
    opd: Readonly<Record<string, Partial<TimeLimits>>>;
  };
  /** The unit that holds a code's work today (a merged unit's override is its successor's). */
  currentCode?: (code: string) => string | undefined;
}

export function slaPolicy(
  config: Pick<Config, 'instance' | 'calendar' | 'timeLimits'>,
  currentCode?: (code: string) => string | undefined,
): SlaPolicy {
  const offsetMs = fixedOffsetMs(config.instance.timezone);
  const { disposeWorkingDays, followUpWorkingDays, autoCloseWorkingDays, overrides } = config.timeLimits;
  return {
    calendar: createWorkingCalendar({ holidays: config.calendar.holidays, offsetMs }),
    offsetMs,
    limits: { disposeWorkingDays, followUpWorkingDays },
    autoCloseWorkingDays: autoCloseWorkingDays ?? 10,
    overrides: { classification: overrides?.classification ?? {}, opd: overrides?.opd ?? {} },
    ...(currentCode ? { currentCode } : {}),
  };
}

/** The source named an OPD at all (known to the directory or not): it was disposed. */
export function hasOpd(opd: Pick<ComplaintOpd, 'code' | 'id' | 'name'> | undefined): boolean {
  return Boolean(opd?.code?.trim() || opd?.id?.trim() || opd?.name?.trim());
}

/**
 * The limits of one complaint: the defaults, then its classification's override, then its
 * OPD's (the OPD knows its own work best, so it wins). A key an override leaves out keeps
 * the value before it.
 */
export function limitsFor(
  policy: SlaPolicy,
  c: { classification?: Classification | undefined; opd?: Pick<ComplaintOpd, 'code'> | undefined },
): TimeLimits {
  const byClass = c.classification ? policy.overrides.classification[c.classification] : undefined;
  const code = c.opd?.code?.trim();
  const byOpd = code
    ? (policy.overrides.opd[code] ?? policy.overrides.opd[policy.currentCode?.(code) ?? ''])
    : undefined;
  return { ...policy.limits, ...defined(byClass), ...defined(byOpd) };
}

function defined(limits: Partial<TimeLimits> | undefined): Partial<TimeLimits> {
  return Object.fromEntries(Object.entries(limits ?? {}).filter(([, v]) => v !== undefined));
}
