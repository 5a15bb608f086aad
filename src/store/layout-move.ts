import type { Redis } from '../redis/client.js';
import type { LedgerKeys } from './keys.js';
import type { LuaScript } from './lua-script.js';

/**
 * Moves keys of an older layout (one set per record) into the hash that replaced them, once
 * per ledger: the first use SCANs the old key prefix, hands each batch of keys to the store's
 * move script (KEYS: the old keys; ARGV: the prefix's length, then `args`) and marks the move
 * done in the ledger's meta. Concurrent uses share one move; a failed move is tried again by
 * the next use.
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
      script: LuaScript;
      args: readonly string[];
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
    const { oldPrefix, script, args } = this.move;
    const pattern = `${oldPrefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    let cursor = '0';
    do {
      const [next, found] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (found.length > 0) await script.run(this.redis, found, [String(oldPrefix.length), ...args]);
    } while (cursor !== '0');
    await this.redis.set(marker, 'v1');
  }
}
