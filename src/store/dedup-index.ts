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

/** Candidate documents this process holds by reference, at most this many (forgotten all at once when full). */
const HELD_DOCUMENTS = 10_000;

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
  /**
   * Documents by reference (`<seq>` or `<seq>~<revision>`): a reference names one text for
   * good, so a candidate met again (the same recent complaints come back for page after page)
   * is not sent again. Those this process filed itself are held from their call on. Held for
   * one epoch of the index: a ledger emptied and filled again (a sandbox's restart) numbers
   * other texts from 1 again.
   */
  private readonly held = new Map<string, string>();
  private epoch: string | undefined;

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
      [k.dedupSeq(), k.dedupIds(), k.dedupDocs(), k.dedupBuckets(), k.dedupRevisions(), k.dedupEpoch()],
      args,
    )) as [...string[][], string];
    // Each entry's reply: its own reference ('' when placed already), then its candidates'; then
    // what the page replaced, and the index's epoch.
    const refsOf = reply.slice(0, unique.length) as string[][];
    const replaced = reply[unique.length] as string[];
    const epoch = reply[unique.length + 1] as string;
    if (epoch !== this.epoch) {
      this.held.clear();
      this.epoch = epoch;
    }
    const docs = new Map<string, string>();
    unique.forEach((e, i) => {
      const own = refsOf[i]![0];
      if (own) docs.set(own, e.doc);
    });
    for (let i = 0; i + 1 < replaced.length; i += 2) docs.set(replaced[i]!, replaced[i + 1]!);
    for (const [ref, doc] of docs) this.hold(ref, doc);
    const missing = new Set<string>();
    for (const refs of refsOf)
      for (const ref of refs.slice(1)) {
        if (docs.has(ref)) continue;
        const doc = this.held.get(ref);
        if (doc === undefined) missing.add(ref);
        else docs.set(ref, doc);
      }
    for (const [ref, doc] of await this.fetch([...missing])) docs.set(ref, doc);
    const found = new Map(
      unique.map((e, i) => [e.id, refsOf[i]!.slice(1).flatMap((ref) => docs.get(ref) ?? [])] as const),
    );
    return entries.map((e) => found.get(e.id)!);
  }

  private hold(ref: string, doc: string): void {
    if (this.held.size >= HELD_DOCUMENTS) this.held.clear();
    this.held.set(ref, doc);
  }

  /**
   * The documents of references not held, in one call, and held from now on. A document
   * replaced since the reference was given (a newer revision) is returned for this page but
   * not held under the old reference; one gone is left out, as a candidate without a document is.
   */
  private async fetch(refs: readonly string[]): Promise<Map<string, string>> {
    const fetched = new Map<string, string>();
    if (refs.length === 0) return fetched;
    const seqs = refs.map((ref) => ref.split('~')[0]!);
    const [docs, revisions] = (await READ_DOCS.run(
      this.redis,
      [this.keys.dedupDocs(), this.keys.dedupRevisions()],
      seqs,
    )) as [(string | false)[], (string | false)[]];
    refs.forEach((ref, i) => {
      const doc = docs[i];
      if (typeof doc !== 'string') return;
      fetched.set(ref, doc);
      const revision = revisions[i];
      if ((revision ? `${seqs[i]}~${revision}` : seqs[i]) === ref) this.hold(ref, doc);
    });
    return fetched;
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
 * KEYS: seq, ids, docs, buckets, revisions, epoch; ARGV: max candidates, then per entry: id,
 * doc, bucket count, then bucket name and cap per bucket. Replies per entry with its own
 * document's reference ('' when dedup has decided on it already: it meets nothing), then its
 * candidates' references, in the order found (each bucket newest first); then, after the
 * entries, the documents this page replaced, as reference and document pairs, and the index's
 * epoch (set at its first use).
 *
 * A reference is the sequence number, with `~<revision>` once its document was replaced (a
 * complaint filed again before dedup decided on it, with other text): it names one text for
 * the index's epoch, so the caller holds the documents it has met and is sent references only.
 *
 * A bucket holds comma-separated sequence numbers, oldest first, and keeps its newest `cap`.
 * The page's buckets and ids are read once, worked on in a Lua table entry by entry (the order
 * of single adds), and written once: a candidate filed earlier in the page is met with the
 * document it was just given, one filed before the page with the document it had.
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
local revised = redis.call('exists', KEYS[5]) == 1
local function revisions(seqs)
  if not revised or #seqs == 0 then return {} end
  return chunked_read('hmget', KEYS[5], seqs)
end
local function ref(seq, revision)
  if revision then return seq .. '~' .. revision end
  return seq
end
local epoch = redis.call('get', KEYS[6])
if not epoch then
  local now = redis.call('time')
  epoch = now[1] .. '.' .. now[2]
  redis.call('set', KEYS[6], epoch)
end
local held = chunked_read('hmget', KEYS[2], ids)
local fresh, again, againSeqs = 0, {}, {}
for i, e in ipairs(entries) do
  e.seq = held[i]
  if not e.seq then
    fresh = fresh + 1
  elseif string.sub(e.seq, -1) ~= 'p' then
    again[#again + 1] = e
    againSeqs[#againSeqs + 1] = e.seq
  end
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
-- Filed again before a decision: the same document keeps its reference; another one is a new revision.
local docs, revisionWrites, replaced = {}, {}, {}
local before = {}
if #again > 0 then
  local stored = chunked_read('hmget', KEYS[3], againSeqs)
  local revs = revisions(againSeqs)
  for i, e in ipairs(again) do
    local revision = revs[i] or nil
    if stored[i] == e.doc then
      e.ref = ref(e.seq, revision)
    else
      local next = tostring((tonumber(revision) or 0) + 1)
      if stored[i] then
        before[e.seq] = ref(e.seq, revision)
        replaced[#replaced + 1] = before[e.seq]
        replaced[#replaced + 1] = stored[i]
      end
      e.ref = ref(e.seq, next)
      revisionWrites[#revisionWrites + 1] = e.seq
      revisionWrites[#revisionWrites + 1] = next
      docs[#docs + 1] = e.seq
      docs[#docs + 1] = e.doc
    end
  end
end
local values = chunked_read('hmget', KEYS[4], names)
local bucket, changed = {}, {}
for i, name in ipairs(names) do bucket[name] = values[i] end
local pageRef, wanted, wantedList = {}, {}, {}
for _, e in ipairs(entries) do
  local seq = e.seq
  e.placed = string.sub(seq, -1) == 'p'
  if not e.placed then
    if e.fresh then
      e.ref = seq
      docs[#docs + 1] = seq
      docs[#docs + 1] = e.doc
    end
    pageRef[seq] = e.ref
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
            if pageRef[s] then
              e.found[#e.found + 1] = { ref = pageRef[s] }
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
-- Met before the page replaced it (filed before the page, met by an entry ahead of its own): the reference it had.
local storedRef = {}
local revs = revisions(wantedList)
for i, s in ipairs(wantedList) do storedRef[s] = before[s] or ref(s, revs[i] or nil) end
local idWrites, bucketWrites, reply = {}, {}, {}
for i, e in ipairs(entries) do
  local out = { '' }
  if not e.placed then
    out[1] = e.ref
    if #e.found == 0 then
      idWrites[#idWrites + 1] = e.id
      idWrites[#idWrites + 1] = e.seq .. 'p'
    elseif e.fresh then
      idWrites[#idWrites + 1] = e.id
      idWrites[#idWrites + 1] = e.seq
    end
    for j, f in ipairs(e.found) do out[j + 1] = f.ref or storedRef[f.seq] end
  end
  reply[i] = out
end
reply[#entries + 1] = replaced
reply[#entries + 2] = epoch
for _, name in ipairs(names) do
  if changed[name] then
    bucketWrites[#bucketWrites + 1] = name
    bucketWrites[#bucketWrites + 1] = bucket[name]
  end
end
chunked_write('hset', KEYS[3], docs)
chunked_write('hset', KEYS[5], revisionWrites)
chunked_write('hset', KEYS[2], idWrites)
chunked_write('hset', KEYS[4], bucketWrites)
return reply
`);

/** KEYS: docs, revisions; ARGV: sequence numbers. Replies with their documents and their revisions, false where none. */
const READ_DOCS = new LuaScript(`
${CHUNKED_CALLS}
local revisions = {}
if redis.call('exists', KEYS[2]) == 1 then revisions = chunked_read('hmget', KEYS[2], ARGV) end
local docs = chunked_read('hmget', KEYS[1], ARGV)
for i = 1, #ARGV do revisions[i] = revisions[i] or false end
return { docs, revisions }
`);
