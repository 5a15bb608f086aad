import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.js';
import type { Language } from '../i18n/messages.js';
import type { RekapSettings } from '../rekap/settings.js';
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
  /** The language people read the pages in. */
  language: Language;
  /** Configured sources, for the pickers and the per-source state. */
  sources: SourceInfo[];
}
