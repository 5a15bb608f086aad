import type { ReportDeps } from '../http/report-deps.js';
import { chooseLanguage } from '../i18n/messages.js';
import { rekapSettings } from '../rekap/settings.js';
import type { Runtime } from './runtime.js';

/** The pages' view of the runtime: the store, the time and the rekap settings from config. */
export function reportDeps(runtime: Pick<Runtime, 'config' | 'logger' | 'store' | 'clock' | 'opd'>): ReportDeps {
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
    })),
  };
}
