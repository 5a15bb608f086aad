import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Store } from '../store/store.js';
import type { RoutingService, TrainResult } from './service.js';

/** How often a young history is looked at for a model (RoutingService.trainEarly: it reads the ledger only when it has grown enough). */
export const EARLY_TRAINING_SCHEDULE = '* * * * *';

/**
 * Retrains the routing model on `routing.retrainSchedule`, and while the labelled history is
 * young (no model yet, or it doubled since one was trained) every minute
 * (RoutingService.trainEarly); of several replicas one trains at a time (a lease lock).
 */
export function startRetrainSchedule(
  routing: Pick<RoutingService, 'train' | 'trainEarly'>,
  store: Pick<Store, 'lock'>,
  schedule: string,
  timeZone: string,
  logger: Logger,
): { stop(): Promise<void> } {
  const locked = async (name: string, train: () => Promise<TrainResult | undefined>) => {
    const lock = await store.lock('routing-train', 60_000);
    if (!lock) return;
    try {
      const result = await train();
      if (result && !result.trained)
        logger.info({ examples: result.examples, reason: result.reason, schedule: name }, 'routing model not trained');
    } catch (err) {
      logger.error(
        {
          err,
          schedule: name,
          meaning: 'routing keeps the model it had (or triage when none); the next scheduled training tries again',
        },
        'routing model training failed',
      );
    } finally {
      await lock.release();
    }
  };
  const tasks = [
    cron.schedule(schedule, () => locked('routing-retrain', () => routing.train()), {
      timezone: timeZone,
      name: 'routing-retrain',
      noOverlap: true,
    }),
    cron.schedule(EARLY_TRAINING_SCHEDULE, () => locked('routing-early', () => routing.trainEarly()), {
      timezone: timeZone,
      name: 'routing-early',
      noOverlap: true,
    }),
  ];
  return { stop: async () => void (await Promise.all(tasks.map((t) => t.destroy()))) };
}
