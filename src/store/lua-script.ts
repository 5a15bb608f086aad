import { createHash } from 'node:crypto';
import type { Redis } from '../redis/client.js';

type Arg = string | Buffer | number;

/**
 * A Lua script called by its SHA1 (EVALSHA): its text crosses the wire, and Redis hashes
 * it, only when Redis does not hold it yet (first use, or after a restart or SCRIPT FLUSH).
 * For the scripts of hot paths, where EVAL with the text would send and hash it every call.
 */
export class LuaScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  /** The script's reply, bulk strings as text. */
  run(redis: Redis, keys: readonly string[], args: readonly Arg[]): Promise<unknown> {
    return this.call(redis, 'call', keys, args);
  }

  /** The script's reply, bulk strings as bytes (documents stored as MessagePack). */
  runBuffer(redis: Redis, keys: readonly string[], args: readonly Arg[]): Promise<unknown> {
    return this.call(redis, 'callBuffer', keys, args);
  }

  private async call(
    redis: Redis,
    how: 'call' | 'callBuffer',
    keys: readonly string[],
    args: readonly Arg[],
  ): Promise<unknown> {
    try {
      return await redis[how]('evalsha', [this.sha, keys.length, ...keys, ...args]);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.includes('NOSCRIPT')) throw err;
      return redis[how]('eval', [this.source, keys.length, ...keys, ...args]);
    }
  }
}
