import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Store } from '../store/store.js';
import type { RoutingService } from './service.js';

/** Retrains the routing model on `routing.retrainSchedule`; of several replicas one trains (a lease lock). */
export function startRetrainSchedule(
  routing: Pick<RoutingService, 'train'>,
  store: Pick<Store, 'lock'>,
  schedule: string,
  timeZone: string,
  logger: Logger,
): { stop(): Promise<void> } {
  const task = cron.schedule(
    schedule,
    async () => {
      const lock = await store.lock('routing-train', 60_000);
      if (!lock) return;
      try {
        const result = await routing.train();
        if (!result.trained)
          logger.info({ examples: result.examples, reason: result.reason }, 'routing model not trained');
      } catch (err) {
        logger.error(
          {
            err,
            meaning: 'routing keeps the model it had (or triage when none); the next scheduled training tries again',
          },
          'routing model training failed',
        );
      } finally {
        await lock.release();
      }
    },
    { timezone: timeZone, name: 'routing-retrain', noOverlap: true },
  );
  return { stop: async () => void (await task.destroy()) };
}
