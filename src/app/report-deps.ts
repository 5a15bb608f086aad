import type { ReportDeps } from '../http/report-deps.js';
import { chooseLanguage } from '../i18n/messages.js';
import { slotOf } from '../queue/payloads.js';
import { rekapSettings } from '../rekap/settings.js';
import type { Runtime } from './runtime.js';
import { cursorPullsFrom } from '../connectors/pulls-from.js';

/** The pages' view of the runtime: the store, the time and the rekap settings from config. */
export function reportDeps(
  runtime: Pick<Runtime, 'config' | 'logger' | 'store' | 'clock' | 'opd'> &
    Partial<Pick<Runtime, 'enqueuePoll' | 'connectors'>>,
): ReportDeps {
  const { config } = runtime;
  return {
    logger: runtime.logger.child({ component: 'pages' }),
    store: runtime.store,
    clock: runtime.clock,
    rekap: rekapSettings(config, runtime.opd),
    instanceName: config.instance.name,
    language: chooseLanguage(config.instance.language, process.env),
    sources: Object.entries(config.sources).map(([name, s]) => ({
      name,
      enabled: s.enabled,
      ...(s.label ? { label: s.label } : {}),
      ...(s.schedule ? { schedule: s.schedule } : {}),
    })),
    staleAfterIntervals: config.monitoring.staleAfterIntervals,
    ...(runtime.connectors
      ? { pullsFrom: (source: string, cursor: string) => cursorPullsFrom(runtime.connectors!.get(source), cursor) }
      : {}),
    // A manual slot of its own: the same poll job the schedule makes, never merged with a scheduled one.
    ...(runtime.enqueuePoll
      ? {
          enqueuePoll: (source: string) =>
            runtime.enqueuePoll!(source, 'live', `manual-${slotOf(runtime.clock.now())}`),
        }
      : {}),
  };
}
