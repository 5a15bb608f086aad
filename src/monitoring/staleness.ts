import { CronExpressionParser } from 'cron-parser';
import type { SourceState } from '../store/records.js';

/** The time between two ticks of a cron schedule after `from`, in the given zone. */
export function scheduleIntervalMs(schedule: string, timeZone: string, from: Date): number | undefined {
  try {
    const ticks = CronExpressionParser.parse(schedule, { tz: timeZone, currentDate: from });
    const first = ticks.next().getTime();
    return ticks.next().getTime() - first;
  } catch {
    return undefined;
  }
}

export interface Staleness {
  stale: boolean;
  /** The last successful sync, when there was one. */
  since?: string;
}

/**
 * A source's data is stale when it has not synced successfully for `factor` intervals of
 * its schedule, or has failed and never succeeded. A disabled source is never stale: it is
 * not expected to sync.
 */
export function staleness(
  state: SourceState,
  source: { enabled: boolean; schedule?: string | undefined },
  options: { now: Date; timeZone: string; factor: number },
): Staleness {
  if (!source.enabled || !source.schedule) return { stale: false };
  const interval = scheduleIntervalMs(source.schedule, options.timeZone, options.now);
  if (!state.lastSuccessAt) return { stale: state.consecutiveFailures > 0 };
  const since = state.lastSuccessAt;
  if (interval === undefined) return { stale: false, since };
  return { stale: options.now.getTime() - Date.parse(since) > options.factor * interval, since };
}
