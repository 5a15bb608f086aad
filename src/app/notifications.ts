import type { Logger } from 'pino';
import { messages, type Language } from '../i18n/messages.js';
import { localDate } from '../domain/local-date.js';
import { dailySummary } from '../monitoring/daily-summary.js';
import { createNotifier, type Notifier } from '../monitoring/notify.js';
import { checkFailingSources } from '../monitoring/source-alerts.js';
import { rekapSettings } from '../rekap/settings.js';
import { startScheduler } from '../scheduler/scheduler.js';
import type { Runtime } from './runtime.js';
import { sourceHealth } from './source-health.js';

type NotifyRuntime = Pick<Runtime, 'config' | 'store' | 'clock' | 'opd' | 'connectors'>;

/** Sends yesterday's summary, once per day across replicas; false when another replica already did. */
export async function sendDailySummary(runtime: NotifyRuntime, notify: Notifier, language: Language): Promise<boolean> {
  const settings = rekapSettings(runtime.config, runtime.opd);
  const now = runtime.clock.now();
  if (!(await runtime.store.once(`daily-summary.${localDate(now, settings.offsetMs)}`, 3 * 24 * 3600))) return false;
  const sources = await sourceHealth(runtime);
  await notify(
    await dailySummary({
      store: runtime.store,
      settings,
      text: messages(language).notify,
      instanceName: runtime.config.instance.name,
      now,
      sources,
    }),
  );
  return true;
}

/** Checks the sources once and sends what an incident calls for (src/monitoring/source-alerts.ts). */
export async function alertFailingSources(runtime: NotifyRuntime, notify: Notifier, language: Language) {
  const text = messages(language);
  return checkFailingSources(await sourceHealth(runtime), runtime.clock.now(), {
    once: (name, ttl) => runtime.store.once(name, ttl),
    release: (name) => runtime.store.release(name),
    notify,
    text: text.notify,
    help: text.sync.help,
    timeZone: runtime.config.instance.timezone,
    afterMinutes: runtime.config.monitoring.sourceFailing.afterMinutes,
  });
}

/**
 * The daily summary on `monitoring.dailySummary.schedule` and a check of failing sources
 * every minute, both in the instance's zone; nothing when both are off.
 */
export function startNotifications(
  runtime: NotifyRuntime,
  secret: (name: string) => string | undefined,
  language: Language,
  logger: Logger,
): { stop(): Promise<void> } | undefined {
  const { dailySummary: summary, sourceFailing, notify: channels } = runtime.config.monitoring;
  if (!summary.enabled && !sourceFailing.enabled) return undefined;
  const notify = createNotifier(channels, secret, logger);
  const tasks = [
    ...(summary.enabled ? [{ name: 'daily-summary', schedule: summary.schedule, jitterMs: 0 }] : []),
    ...(sourceFailing.enabled ? [{ name: 'source-alerts', schedule: '* * * * *', jitterMs: 0 }] : []),
  ];
  return startScheduler(
    tasks,
    async (name) => {
      if (name === 'daily-summary') await sendDailySummary(runtime, notify, language);
      else await alertFailingSources(runtime, notify, language);
    },
    logger,
    runtime.config.instance.timezone,
    'notify',
  );
}
