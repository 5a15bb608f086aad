import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.js';
import { rekapSettings, type RekapSettings } from '../rekap/settings.js';
import type { Runtime } from '../runtime.js';
import type { Store } from '../store/store.js';

export interface SourceInfo {
  name: string;
  label?: string;
  enabled: boolean;
}

/** What the rekap and sync-log pages read: the store, the time, and a few settings. */
export interface ReportDeps {
  logger: Logger;
  store: Store;
  clock: Clock;
  rekap: RekapSettings;
  instanceName: string;
  /** Configured sources, for the pickers and the per-source state. */
  sources: SourceInfo[];
}

export function reportDeps(runtime: Pick<Runtime, 'config' | 'logger' | 'store' | 'clock'>): ReportDeps {
  const { config } = runtime;
  return {
    logger: runtime.logger.child({ component: 'pages' }),
    store: runtime.store,
    clock: runtime.clock,
    rekap: rekapSettings(config),
    instanceName: config.instance.name,
    sources: Object.entries(config.sources).map(([name, s]) => ({ name, enabled: s.enabled, ...(s.label ? { label: s.label } : {}) })),
  };
}
