import type { Redis } from '../redis/client.js';
import { z } from 'zod';
import { isoTimestamp } from '../domain/draft.js';
import { JsonHash } from './json-hash.js';
import type { LedgerKeys } from './keys.js';

/** A label an operator gave (a triage assignment, the right OPD after "bukan wewenang"): training data. */
export const routingExampleSchema = z.object({
  complaintId: z.string(),
  opd: z.string(),
  origin: z.enum(['triage', 'bukan_wewenang', 'operator']),
  by: z.string(),
  at: isoTimestamp,
});
export type RoutingExample = z.infer<typeof routingExampleSchema>;

/** How many earlier model versions are kept besides the current one. */
const KEEP_VERSIONS = 3;

/** Versioned routing model blobs and the operators' labels. */
export class RoutingModels {
  readonly examples: JsonHash<RoutingExample>;

  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
  ) {
    this.examples = new JsonHash(redis, keys.routingExamples(), routingExampleSchema);
  }

  async currentVersion(): Promise<string | undefined> {
    return (await this.redis.get(this.keys.routingCurrent())) ?? undefined;
  }

  async load(version: string): Promise<Buffer | undefined> {
    return (await this.redis.getBuffer(this.keys.routingModel(version))) ?? undefined;
  }

  /** Stores a model and makes it current; the oldest versions beyond a few are dropped. */
  async publish(version: string, blob: Buffer): Promise<void> {
    const history = `${this.keys.routingCurrent()}:history`;
    await this.redis
      .multi()
      .set(this.keys.routingModel(version), blob)
      .set(this.keys.routingCurrent(), version)
      .rpush(history, version)
      .exec();
    const old = await this.redis.lrange(history, 0, -(KEEP_VERSIONS + 2));
    if (old.length > 0)
      await this.redis
        .multi()
        .del(...old.map((v) => this.keys.routingModel(v)))
        .ltrim(history, old.length, -1)
        .exec();
  }

  /** How many complaints had an OPD when the current model was trained; undefined before any was counted. */
  async trainedWith(): Promise<number | undefined> {
    const n = await this.redis.get(this.keys.routingTrainedWith());
    return n === null ? undefined : Number(n);
  }

  async setTrainedWith(count: number): Promise<void> {
    await this.redis.set(this.keys.routingTrainedWith(), String(count));
  }

  async size(version: string): Promise<number> {
    return this.redis.strlen(this.keys.routingModel(version));
  }
}
