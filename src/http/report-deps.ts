import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.js';
import type { Language } from '../i18n/messages.js';
import type { RekapSettings } from '../rekap/settings.js';
import type { Store } from '../store/store.js';

export interface SourceInfo {
  name: string;
  label?: string;
  enabled: boolean;
  /** Its cron schedule, for the stale banner. */
  schedule?: string;
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
  /** Stale banner: no successful sync for this many intervals of a source's schedule. */
  staleAfterIntervals: number;
  /** Queue a poll of a source now, the way the schedule does (the "sinkronkan sekarang" button); absent, no button. */
  enqueuePoll?: (source: string) => Promise<{ added: boolean }>;
  /** The change time a source's next pull asks from (ISO), when its connector can say. */
  pullsFrom?: (source: string, cursor: string) => string | undefined;
}
