import type { Redis } from 'ioredis';
import type { LedgerKeys } from './keys.js';

export interface IndexEntry {
  /** Complaint id. */
  id: string;
  /** The dedup document, stored as given and returned for candidates. */
  doc: string;
  /** Candidate buckets (LSH bands of the text, the reporter, the place) and how many entries each keeps. */
  buckets: { key: string; cap: number }[];
}

export interface IndexOptions {
  /** Most candidates returned per complaint. */
  maxCandidates: number;
}

/**
 * The near-duplicate index: sub-linear because a complaint meets only the complaints that
 * share one of its buckets, each capped. One Lua call per complaint both reads its
 * candidates (with their documents) and adds it, so the cost of an ingested record is one
 * round trip; `addAndQueryMany` sends a page's calls in one pipeline. Re-adding a complaint
 * only refreshes its document.
 */
export class DedupIndex {
  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
    private readonly options: IndexOptions,
  ) {}

  private args(entry: IndexEntry): (string | number)[] {
    const k = this.keys;
    const keys = [k.dedupSeq(), k.dedupIds(), k.dedupDocs(), ...entry.buckets.map((b) => k.dedupBucket(b.key))];
    return [
      ADD_AND_QUERY,
      keys.length,
      ...keys,
      entry.id,
      entry.doc,
      this.options.maxCandidates,
      ...entry.buckets.map((b) => b.cap),
    ];
  }

  /**
   * The candidates' documents; none when the complaint was already placed (a re-ingest of a
   * record dedup has decided on costs this one call and nothing else).
   */
  async addAndQuery(entry: IndexEntry): Promise<string[]> {
    const [script, n, ...rest] = this.args(entry);
    return ((await this.redis.eval(script as string, n as number, ...rest)) as (string | null)[]).filter(
      (d): d is string => d !== null,
    );
  }

  /** After dedup decided on a complaint's candidates: a retried ingest will not decide again. */
  async markPlaced(id: string): Promise<void> {
    await this.redis.eval(MARK_PLACED, 1, this.keys.dedupIds(), id);
  }

  async addAndQueryMany(entries: readonly IndexEntry[]): Promise<string[][]> {
    if (entries.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const entry of entries) {
      const [script, n, ...rest] = this.args(entry);
      pipeline.eval(script as string, n as number, ...rest);
    }
    const results = (await pipeline.exec()) ?? [];
    return results.map(([err, value]) => {
      if (err) throw err;
      return (value as (string | null)[]).filter((d): d is string => d !== null);
    });
  }

  async docOf(id: string): Promise<string | undefined> {
    const seq = await this.redis.hget(this.keys.dedupIds(), id);
    return seq === null ? undefined : ((await this.redis.hget(this.keys.dedupDocs(), seq)) ?? undefined);
  }

  async size(): Promise<number> {
    return this.redis.hlen(this.keys.dedupIds());
  }
}

/** The ids hash says "<seq>p" once dedup has decided on the complaint. */
const MARK_PLACED = `
local seq = redis.call('hget', KEYS[1], ARGV[1])
if seq and string.sub(seq, -1) ~= 'p' then redis.call('hset', KEYS[1], ARGV[1], seq .. 'p') end
return 1
`;

/**
 * KEYS: seq, ids, docs, bucket...; ARGV: id, doc, max candidates, cap of each bucket...
 * Buckets hold comma-separated sequence numbers, oldest first; a bucket keeps its newest `cap`.
 */
const ADD_AND_QUERY = `
local seq = redis.call('hget', KEYS[2], ARGV[1])
local fresh = false
if seq and string.sub(seq, -1) == 'p' then return {} end
if not seq then
  seq = tostring(redis.call('incr', KEYS[1]))
  redis.call('hset', KEYS[2], ARGV[1], seq)
  fresh = true
end
redis.call('hset', KEYS[3], seq, ARGV[2])
local limit = tonumber(ARGV[3])
local seen = {}
local found = {}
for i = 4, #KEYS do
  local cap = tonumber(ARGV[i])
  local v = redis.call('get', KEYS[i])
  if v then
    local entries = {}
    for s in string.gmatch(v, '[^,]+') do entries[#entries + 1] = s end
    for j = #entries, 1, -1 do
      local s = entries[j]
      if s ~= seq and not seen[s] and #found < limit then
        seen[s] = true
        found[#found + 1] = s
      end
    end
    if fresh then
      if #entries >= cap then
        redis.call('set', KEYS[i], table.concat(entries, ',', #entries - cap + 2) .. ',' .. seq)
      else
        redis.call('append', KEYS[i], ',' .. seq)
      end
    end
  elseif fresh then
    redis.call('set', KEYS[i], seq)
  end
end
if #found == 0 then return {} end
return redis.call('hmget', KEYS[3], unpack(found))
`;
