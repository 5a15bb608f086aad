import type { Redis } from '../redis/client.js';
import type { LedgerKeys } from './keys.js';

/**
 * Moves keys of an older layout (one set per record) into the hash that replaced them, once
 * per ledger: the first use SCANs the old key prefix, hands each batch of keys found to the
 * store's own move (a Lua script that folds them into the hash and deletes them, or deletes
 * those the new layout does without) and marks the move done in the ledger's meta.
 * Concurrent uses share one move; a failed move is tried again by the next use.
 */
export class LayoutMove {
  private moved: Promise<void> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
    private readonly move: {
      /** The meta marker that says this move is done. */
      marker: string;
      /** The old keys' common prefix; every key under it is moved. */
      oldPrefix: string;
      /** Moves one batch of old keys (and deletes them); `prefixLength` is the old prefix's length. */
      moveBatch: (oldKeys: string[], prefixLength: number) => Promise<unknown>;
    },
  ) {}

  done(): Promise<void> {
    this.moved ??= this.run().catch((err: unknown) => {
      this.moved = undefined;
      throw err;
    });
    return this.moved;
  }

  private async run(): Promise<void> {
    const marker = this.keys.meta(this.move.marker);
    if ((await this.redis.get(marker)) === 'v1') return;
    const { oldPrefix, moveBatch } = this.move;
    const pattern = `${oldPrefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    let cursor = '0';
    do {
      const [next, found] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (found.length > 0) await moveBatch(found, oldPrefix.length);
    } while (cursor !== '0');
    await this.redis.set(marker, 'v1');
  }
}
