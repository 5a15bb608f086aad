import type { Redis } from '../redis/client.js';
import type { LedgerKeys } from './keys.js';
import { LayoutMove } from './layout-move.js';
import { LuaScript } from './lua-script.js';
import { CHUNKED_CALLS } from './lua-chunks.js';

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
 * share one of its buckets, each capped. The buckets are fields of one hash, so a page of
 * complaints is filed and meets its candidates in one Lua call of a few commands (the ids,
 * buckets and documents each read and written once for the whole page), as if its
 * complaints had been added one after the other. Re-adding a complaint only refreshes its
 * document.
 */
export class DedupIndex {
  /**
   * Buckets kept as keys of their own (before they became fields of one hash) move into the
   * hash once, on first use. Each moves in one call that puts its entries before any the hash
   * holds already and drops the key, so replicas moving at the same time, or writing
   * meanwhile, lose nothing.
   */
  private readonly migrated: LayoutMove;

  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
    private readonly options: IndexOptions,
  ) {
    this.migrated = new LayoutMove(redis, keys, {
      marker: BUCKETS_HASH,
      oldPrefix: keys.dedupBucket(''),
      moveBatch: (found, length) => MOVE_BUCKETS.run(redis, [keys.dedupBuckets(), ...found], [length]),
    });
  }

  /**
   * The candidates' documents; none when the complaint was already placed (a re-ingest of a
   * record dedup has decided on costs this one call and nothing else).
   */
  async addAndQuery(entry: IndexEntry): Promise<string[]> {
    return (await this.addAndQueryMany([entry]))[0]!;
  }

  /**
   * A page of entries in one call, in order: each meets the ones before it as it would had
   * they been added one by one. A complaint that meets no candidate is marked placed at once
   * (there is nothing to decide on); the others after their decision (`markPlaced`).
   */
  async addAndQueryMany(entries: readonly IndexEntry[]): Promise<string[][]> {
    if (entries.length === 0) return [];
    await this.migrated.done();
    // One entry per complaint (the last given wins), so the script never meets an id twice.
    const byId = new Map(entries.map((e) => [e.id, e]));
    const unique = [...byId.values()];
    const k = this.keys;
    const args: (string | number)[] = [this.options.maxCandidates];
    for (const e of unique) args.push(e.id, e.doc, e.buckets.length, ...e.buckets.flatMap((b) => [b.key, b.cap]));
    const reply = (await ADD_AND_QUERY.run(
      this.redis,
      [k.dedupSeq(), k.dedupIds(), k.dedupDocs(), k.dedupBuckets()],
      args,
    )) as (string | null)[][];
    const found = new Map(
      unique.map((e, i) => [e.id, reply[i]!.filter((d): d is string => typeof d === 'string')] as const),
    );
    return entries.map((e) => found.get(e.id)!);
  }

  /** After dedup decided on these complaints' candidates: a retried ingest will not decide again. */
  async markPlaced(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await MARK_PLACED.run(this.redis, [this.keys.dedupIds()], ids);
  }

  async docOf(id: string): Promise<string | undefined> {
    const seq = await this.redis.hget(this.keys.dedupIds(), id);
    return seq === null
      ? undefined
      : ((await this.redis.hget(this.keys.dedupDocs(), seq.replace(/p$/, ''))) ?? undefined);
  }

  async size(): Promise<number> {
    return this.redis.hlen(this.keys.dedupIds());
  }
}

export const BUCKETS_HASH = 'dedup-buckets-hash';

/** KEYS: the buckets hash, then old bucket keys; ARGV: length of the old keys' prefix (the bucket name follows it). */
const MOVE_BUCKETS = new LuaScript(`
local from = tonumber(ARGV[1]) + 1
for i = 2, #KEYS do
  local old = redis.call('get', KEYS[i])
  if old then
    local name = string.sub(KEYS[i], from)
    local now = redis.call('hget', KEYS[1], name)
    redis.call('hset', KEYS[1], name, now and (old .. ',' .. now) or old)
    redis.call('del', KEYS[i])
  end
end
return 1
`);

/** The ids hash says "<seq>p" once dedup has decided on the complaint. KEYS: ids; ARGV: complaint ids. */
const MARK_PLACED = new LuaScript(`
${CHUNKED_CALLS}
local seqs = chunked_read('hmget', KEYS[1], ARGV)
local marks = {}
for i, id in ipairs(ARGV) do
  local seq = seqs[i]
  if seq and string.sub(seq, -1) ~= 'p' then
    marks[#marks + 1] = id
    marks[#marks + 1] = seq .. 'p'
  end
end
chunked_write('hset', KEYS[1], marks)
return 1
`);

/**
 * KEYS: seq, ids, docs, buckets; ARGV: max candidates, then per entry: id, doc, bucket count,
 * then bucket name and cap per bucket. Replies per entry with its candidates' documents,
 * in the order found (each bucket newest first).
 *
 * A bucket holds comma-separated sequence numbers, oldest first, and keeps its newest `cap`.
 * The page's buckets, ids and candidate documents are read once, worked on in a Lua table
 * entry by entry (the order of single adds), and written once: a candidate filed earlier in
 * the page is met with the document it was just given, one filed before the page with the
 * document it had.
 */
const ADD_AND_QUERY = new LuaScript(`
${CHUNKED_CALLS}
local limit = tonumber(ARGV[1])
local entries, ids, names, named = {}, {}, {}, {}
local a = 2
while a <= #ARGV do
  local e = { id = ARGV[a], doc = ARGV[a + 1], first = a + 3, n = tonumber(ARGV[a + 2]), found = {} }
  entries[#entries + 1] = e
  ids[#ids + 1] = e.id
  for b = 0, e.n - 1 do
    local name = ARGV[e.first + 2 * b]
    if not named[name] then
      named[name] = true
      names[#names + 1] = name
    end
  end
  a = e.first + 2 * e.n
end
local held = chunked_read('hmget', KEYS[2], ids)
local fresh = 0
for i, e in ipairs(entries) do
  e.seq = held[i]
  if not e.seq then fresh = fresh + 1 end
end
if fresh > 0 then
  local next = redis.call('incrby', KEYS[1], fresh) - fresh
  for _, e in ipairs(entries) do
    if not e.seq then
      next = next + 1
      e.seq = tostring(next)
      e.fresh = true
    end
  end
end
local values = chunked_read('hmget', KEYS[4], names)
local bucket, changed = {}, {}
for i, name in ipairs(names) do bucket[name] = values[i] end
local pageDoc, wanted, wantedList = {}, {}, {}
for _, e in ipairs(entries) do
  local seq = e.seq
  e.placed = string.sub(seq, -1) == 'p'
  if not e.placed then
    pageDoc[seq] = e.doc
    local seen = {}
    for b = 0, e.n - 1 do
      local name, cap = ARGV[e.first + 2 * b], tonumber(ARGV[e.first + 2 * b + 1])
      local v = bucket[name]
      if v then
        local list = {}
        for s in string.gmatch(v, '[^,]+') do list[#list + 1] = s end
        for j = #list, 1, -1 do
          local s = list[j]
          if s ~= seq and not seen[s] and #e.found < limit then
            seen[s] = true
            if pageDoc[s] then
              e.found[#e.found + 1] = { doc = pageDoc[s] }
            else
              e.found[#e.found + 1] = { seq = s }
              if not wanted[s] then
                wanted[s] = true
                wantedList[#wantedList + 1] = s
              end
            end
          end
        end
        if e.fresh then
          if #list >= cap then
            bucket[name] = table.concat(list, ',', #list - cap + 2) .. ',' .. seq
          else
            bucket[name] = v .. ',' .. seq
          end
          changed[name] = true
        end
      elseif e.fresh then
        bucket[name] = seq
        changed[name] = true
      end
    end
  end
end
local stored = chunked_read('hmget', KEYS[3], wantedList)
local storedDoc = {}
for i, s in ipairs(wantedList) do storedDoc[s] = stored[i] end
local docs, idWrites, bucketWrites, reply = {}, {}, {}, {}
for i, e in ipairs(entries) do
  local out = {}
  if not e.placed then
    docs[#docs + 1] = e.seq
    docs[#docs + 1] = e.doc
    if #e.found == 0 then
      idWrites[#idWrites + 1] = e.id
      idWrites[#idWrites + 1] = e.seq .. 'p'
    elseif e.fresh then
      idWrites[#idWrites + 1] = e.id
      idWrites[#idWrites + 1] = e.seq
    end
    for j, f in ipairs(e.found) do out[j] = f.doc or storedDoc[f.seq] or false end
  end
  reply[i] = out
end
for _, name in ipairs(names) do
  if changed[name] then
    bucketWrites[#bucketWrites + 1] = name
    bucketWrites[#bucketWrites + 1] = bucket[name]
  end
end
chunked_write('hset', KEYS[3], docs)
chunked_write('hset', KEYS[2], idWrites)
chunked_write('hset', KEYS[4], bucketWrites)
return reply
`);
