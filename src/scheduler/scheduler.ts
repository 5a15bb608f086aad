import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import { slotOf } from '../queue/payloads.js';

export interface ScheduledSource {
  name: string;
  schedule: string;
  jitterMs: number;
}

/**
 * The cron only enqueues. Each tick names its slot (the tick's minute), and the poll job id
 * is derived from it, so any number of replicas ticking together enqueue one poll.
 */
/**
 * Schedules run in the instance's zone (`instance.timezone`), so "0 7 * * *" means 07:00 WIB
 * (or WITA, WIT) as the operator reads it.
 */
export function startScheduler(
  sources: readonly ScheduledSource[],
  enqueue: (source: string, slot: string) => Promise<void>,
  logger: Logger,
  timeZone: string,
  /** What the ticks enqueue, for task names and log lines. */
  what = 'poll',
): { stop(): Promise<void> } {
  const timers = new Set<NodeJS.Timeout>();
  const tasks: ScheduledTask[] = sources.map((source) =>
    cron.schedule(
      source.schedule,
      (ctx) => {
        const slot = slotOf(ctx.date);
        const timer = setTimeout(
          () => {
            timers.delete(timer);
            enqueue(source.name, slot).catch((err: unknown) =>
              logger.error(
                {
                  source: source.name,
                  slot,
                  err,
                  what,
                  meaning:
                    'this slot is skipped; the next tick enqueues again and a poll reads on from the saved position, so nothing is missed. Usually Redis out of reach',
                },
                'could not enqueue scheduled work',
              ),
            );
          },
          Math.floor(Math.random() * source.jitterMs),
        );
        timers.add(timer);
      },
      { timezone: timeZone, name: `${what}-${source.name}`, noOverlap: true },
    ),
  );
  logger.info({ what, sources: sources.map((s) => `${s.name} (${s.schedule})`), timeZone }, 'schedules started');
  return {
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      await Promise.all(tasks.map((t) => t.destroy()));
    },
  };
}
