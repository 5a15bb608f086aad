import type { Redis } from '../redis/client.js';
import type { LedgerKeys } from './keys.js';

/** What the push stage wrote to one system: writes it accepted, and writes that failed (refused for good, or to be retried). */
export interface PushCounts {
  pushed: number;
  failed: number;
}

export type PushTallyOutcome = keyof PushCounts;

/** A tally hash as Redis returns it (HGETALL, or a script's flat reply), as counts. */
export function pushCountsOf(fields: Readonly<Record<string, string | undefined>>): PushCounts {
  return { pushed: Number(fields.pushed ?? 0), failed: Number(fields.failed ?? 0) };
}

/**
 * Per system, the writes the push stage made to it since that system's last sync run ended:
 * each sync run takes the tally into its own entry (src/store/poll-bookkeeping.ts, and
 * `take` for a failed run), so every write is counted in exactly one run of its system.
 */
export class PushTally {
  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
  ) {}

  async add(system: string, outcome: PushTallyOutcome): Promise<void> {
    await this.redis.hincrby(this.keys.pushTally(system), outcome, 1);
  }

  /** The tally so far, emptied: for the run that ends now. */
  async take(system: string): Promise<PushCounts> {
    const key = this.keys.pushTally(system);
    const replies = await this.redis.multi().hgetall(key).del(key).exec();
    return pushCountsOf((replies?.[0]?.[1] ?? {}) as Record<string, string>);
  }
}
