import type { Redis } from '../redis/client.js';
import type { LedgerKeys } from './keys.js';
import { LuaScript } from './lua-script.js';

/** Clears the page's ids whose mark is not newer than the ingest that read them (a newer delivery keeps its own). */
const DONE = new LuaScript(`
local cleared = 0
for i = 2, #ARGV do
  local at = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if at and tonumber(at) <= tonumber(ARGV[1]) then cleared = cleared + redis.call('ZREM', KEYS[1], ARGV[i]) end
end
return cleared
`);

/** Takes the records marked before a time, and marks them again now: another poll leaves them for a while. */
const DUE = new LuaScript(`
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], ARGV[3], id) end
return ids
`);

/**
 * Records whose ingest has not finished: marked with their raw copy (RawRecords.saveMany),
 * cleared when their page's ingest, push planning included, is done. A page job lost after
 * its ledger write (a worker killed twice during it, so BullMQ gave it up) leaves its records
 * here, although the ledger holds them and a re-delivery stops at the door: what is still to
 * be done for them is found here, not in the queue.
 */
export class Settling {
  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
  ) {}

  /** The page's ingest has finished for these records, as read at `startedAt` (ms). */
  async done(source: string, externalIds: readonly string[], startedAt: number): Promise<number> {
    if (externalIds.length === 0) return 0;
    return Number(await DONE.run(this.redis, [this.keys.settling(source)], [startedAt, ...externalIds]));
  }

  /** Up to `limit` records marked at or before `before` (ms), marked again at `now`. */
  async due(source: string, before: number, limit: number, now: number): Promise<string[]> {
    return (await DUE.run(this.redis, [this.keys.settling(source)], [before, limit, now])) as string[];
  }

  async count(source: string): Promise<number> {
    return this.redis.zcard(this.keys.settling(source));
  }
}
