import type { Redis } from '../redis/client.js';
import type { LedgerKeys } from './keys.js';
import { CHUNKED_CALLS } from './lua-chunks.js';
import { LuaScript } from './lua-script.js';

/** Clears the page's ids whose mark is not newer than the ingest that read them (a newer delivery keeps its own): one ZMSCORE and one ZREM for the page. */
const DONE = new LuaScript(`
${CHUNKED_CALLS}
local ids = {}
for i = 2, #ARGV do ids[#ids + 1] = ARGV[i] end
local marks = chunked_read('zmscore', KEYS[1], ids)
local cleared = {}
for i, id in ipairs(ids) do
  if marks[i] and tonumber(marks[i]) <= tonumber(ARGV[1]) then cleared[#cleared + 1] = id end
end
local n = 0
for i = 1, #cleared, 1000 do n = n + redis.call('zrem', KEYS[1], unpack(cleared, i, math.min(i + 999, #cleared))) end
return n
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
