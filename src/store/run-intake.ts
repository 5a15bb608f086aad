import type { Redis } from '../redis/client.js';
import type { LedgerKeys } from './keys.js';

/** What the ingest of one sync run's records did, by outcome (created, updated, unchanged…). */
export type RunIntakeCounts = Partial<Record<string, number>>;

// A run's counts are read on the sync-logs page for some days, then they go.
const TTL_S = 14 * 24 * 3600;

/**
 * Per sync run, how its records fared at ingest. Ingest runs after the poll in other jobs
 * (and other replicas), so the counts are added as they come; the run is named by its poll
 * job id (source, lane, slot).
 */
export class RunIntake {
  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
  ) {}

  async add(run: string, counts: Readonly<Record<string, number>>): Promise<void> {
    const entries = Object.entries(counts).filter(([, n]) => n > 0);
    if (entries.length === 0) return;
    const key = this.keys.runIntake(run);
    const multi = this.redis.multi();
    for (const [outcome, n] of entries) multi.hincrby(key, outcome, n);
    await multi.expire(key, TTL_S).exec();
  }

  async get(runs: readonly string[]): Promise<RunIntakeCounts[]> {
    if (runs.length === 0) return [];
    const multi = this.redis.multi();
    for (const run of runs) multi.hgetall(this.keys.runIntake(run));
    const replies = (await multi.exec()) ?? [];
    return replies.map(([, value]) =>
      Object.fromEntries(Object.entries((value ?? {}) as Record<string, string>).map(([k, v]) => [k, Number(v)])),
    );
  }
}
