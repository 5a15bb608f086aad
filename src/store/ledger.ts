import type { Redis } from '../redis/client.js';
import type { Clock } from '../domain/clock.js';
import type { Complaint } from '../domain/complaint.js';
import { APPEND_AUDIT, AUDIT_BY_PAGE, auditFields, type AuditEntry } from './audit.js';
import { complaintBatches, newestComplaints, type StoredComplaint } from './complaint-batches.js';
import { CaseChanges } from './case-changes.js';
import { caseMembersOf, complaintDocs, JOIN_CASE_LUA } from './case-members.js';
import { DECODE_DOC, encodeComplaint, readComplaint } from './complaint-doc.js';
import type { LedgerKeys } from './keys.js';
import { KEEP_REKAP_RECORD, rekapRecordArgs } from './rekap-records.js';
import { CHUNKED_CALLS } from './lua-chunks.js';
import { LuaScript } from './lua-script.js';
import { CrossRefs, XREF_ADDS } from './cross-refs.js';

export interface ComplaintWrite {
  complaint: Complaint;
  audit: AuditEntry;
}

const MAX_TRANSACTION_RETRIES = 20;

/**
 * The canonical complaints. Every write is an optimistic transaction on the complaint key,
 * so two workers (or two replicas) applying versions of the same record never lose or
 * duplicate one: the loser re-reads and decides again.
 */
export class Ledger {
  private readonly xrefs: CrossRefs;
  /** Merges and splits under way (src/store/case-changes.ts). */
  readonly caseChanges: CaseChanges;

  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
    private readonly clock: Clock,
  ) {
    this.xrefs = new CrossRefs(redis, keys);
    this.caseChanges = new CaseChanges(redis, keys, clock);
  }

  async get(id: string): Promise<Complaint | undefined> {
    const stored = await this.redis.getBuffer(this.keys.complaint(id));
    return stored === null ? undefined : readComplaint(stored);
  }

  /** The complaints of one page in one call (undefined where the ledger holds none). */
  async getMany(ids: readonly string[]): Promise<(Complaint | undefined)[]> {
    if (ids.length === 0) return [];
    const stored = await this.redis.mgetBuffer(ids.map((id) => this.keys.complaint(id)));
    return stored.map((doc) => (doc === null ? undefined : readComplaint(doc)));
  }

  /** Content hash of the version held, per record of one source (null where none): what the door compares a delivery with. */
  async heldHashes(source: string, externalIds: readonly string[]): Promise<(string | null)[]> {
    if (externalIds.length === 0) return [];
    return this.redis.hmget(this.keys.contentHashes(source), ...externalIds);
  }

  /** Drops the door's memory of these records (reconciliation found them missing from the ledger). */
  async forgetHeld(source: string, externalIds: readonly string[]): Promise<void> {
    if (externalIds.length === 0) return;
    await this.redis.hdel(this.keys.contentHashes(source), ...externalIds);
  }

  async idOf(source: string, externalId: string): Promise<string | undefined> {
    return (await this.redis.hget(this.keys.externalIds(source), externalId)) ?? undefined;
  }

  /** The complaint ids of these records of one source (undefined where none), in one call. */
  async idsOf(source: string, externalIds: readonly string[]): Promise<(string | undefined)[]> {
    if (externalIds.length === 0) return [];
    return (await this.redis.hmget(this.keys.externalIds(source), ...externalIds)).map((id) => id ?? undefined);
  }

  async count(): Promise<number> {
    return this.redis.zcard(this.keys.complaintIndex());
  }

  async ids(offset = 0, limit = 100): Promise<string[]> {
    return this.redis.zrange(this.keys.complaintIndex(), offset, offset + limit - 1);
  }

  /** A case's complaints (src/store/case-members.ts: a case of one has no set); `held` as `membersOfCases`. */
  async caseMembers(caseId: string, held?: Complaint): Promise<string[]> {
    return (await caseMembersOf(this.redis, this.keys, [caseId], held ? [held] : [])).get(caseId) ?? [];
  }

  /** The complaints of any of these cases, in one call; `held` as `membersOfCases`. */
  async membersOfAny(caseIds: readonly string[], held: readonly Complaint[] = []): Promise<string[]> {
    return [...new Set([...(await caseMembersOf(this.redis, this.keys, caseIds, held)).values()].flat())];
  }

  /** After these members moved to another case (their documents say so): they leave the set, which goes when empty. */
  async dropCase(caseId: string, moved: readonly string[]): Promise<void> {
    if (moved.length > 0) await this.redis.srem(this.keys.caseMembers(caseId), ...moved);
  }

  /** After a member moved to another case by a split. */
  async leaveCase(caseId: string, id: string): Promise<void> {
    await this.redis.srem(this.keys.caseMembers(caseId), id);
  }

  async referencing(system: string, externalId: string): Promise<string[]> {
    return (await this.xrefs.referencing(system, [externalId]))[0]!;
  }

  /** `referencing` for many records of one system, in one call. */
  referencingMany(system: string, externalIds: readonly string[]): Promise<string[][]> {
    return this.xrefs.referencing(system, externalIds);
  }

  /** Complaint documents by first-seen time from `receivedFromMs` on, a batch at a time (src/store/complaint-batches.ts). */
  batches(options: { receivedFromMs: number; batchSize: number }): AsyncGenerator<StoredComplaint[]> {
    return complaintBatches(this.redis, this.keys, options);
  }

  /** The newest complaints by first-seen time, at most `limit`, in batches. */
  newest(limit: number): AsyncGenerator<StoredComplaint[]> {
    return newestComplaints(this.redis, this.keys, limit);
  }

  /** The members of many cases in one round trip; `held`: complaints just read, whose documents spare reading their cases' founders. */
  membersOfCases(caseIds: readonly string[], held: readonly Complaint[] = []): Promise<Map<string, string[]>> {
    return caseMembersOf(this.redis, this.keys, caseIds, held);
  }

  /** Complaint documents as stored, decoded (null when gone), in the order asked, in one call. */
  documents(ids: readonly string[]): Promise<unknown[]> {
    return complaintDocs(this.redis, this.keys, ids);
  }

  /** Notes that a complaint names (system, externalId), e.g. the copy a forward created there. */
  async addReference(system: string, externalId: string, complaintId: string): Promise<void> {
    await this.xrefs.add(system, externalId, complaintId);
  }

  /**
   * Reads the complaint, lets `decide` compute the next version (or nothing), and writes it
   * with its external-id mapping, case membership, cross-references and audit entry in one
   * Lua call that applies only if the stored version is still the one `decide` saw
   * (compare-and-set). A loser re-reads and decides again.
   */
  async transact(
    id: string,
    decide: (existing: Complaint | undefined) => ComplaintWrite | null,
  ): Promise<ComplaintWrite | null> {
    const key = this.keys.complaint(id);
    for (let attempt = 0; attempt < MAX_TRANSACTION_RETRIES; attempt++) {
      const stored = await this.redis.getBuffer(key);
      const existing = stored === null ? undefined : readComplaint(stored);
      const write = decide(existing);
      if (!write) return null;
      const c = write.complaint;
      const keys = [
        key,
        this.keys.externalIds(c.source),
        this.keys.complaintIndex(),
        this.keys.caseMembers(c.caseId),
        this.keys.audit(),
        this.keys.contentHashes(c.source),
        this.keys.reportedIndex(),
        this.keys.complaintTrail(c.id),
        ...c.crossRefs.map((r) => this.keys.crossRefIndex(r.system)),
      ];
      const args = [
        String(existing?.version ?? 0),
        encodeComplaint(c),
        c.externalId,
        c.id,
        String(Date.parse(c.receivedAt)),
        c.contentHash,
        String(Date.parse(c.reportedAt)),
        this.keys.opdIndexPrefix(),
        c.opd?.code ?? '',
        ...rekapRecordArgs(this.keys, c),
        String(c.crossRefs.length),
        ...c.crossRefs.map((r) => r.externalId),
        ...auditFields({ ...write.audit, complaintId: c.id }, this.clock.now()),
      ];
      if ((await WRITE_IF_VERSION.run(this.redis, keys, args)) === 1) return write;
      // Lost the race: back off a little, randomly, so writers of one hot complaint spread out.
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 ** attempt)));
    }
    throw new Error(`complaint ${id}: too much contention, giving up after ${MAX_TRANSACTION_RETRIES} attempts`);
  }

  /**
   * A page's writes in one Lua call. Each write applies only if the stored version is still
   * the one its decision saw (compare-and-set, as `transact`); with it go the external-id
   * map, index, case, cross-references, its part of the page's audit entry (one per who and
   * what: AUDIT_BY_PAGE) and the content hash the door checks
   * (`contentHashes`). Every item also drops the raw record it came from, if the stored
   * bytes are still the ones read (a newer delivery stored meanwhile stays for its own
   * ingest), and keeps the reporter's identity beside. Returns, per item, whether it was
   * applied; a lost race is decided again with `transact`.
   */
  async writePage(items: readonly PageItem[]): Promise<boolean[]> {
    if (items.length === 0) return [];
    const keys: string[] = [this.keys.complaintIndex(), this.keys.audit(), this.keys.reportedIndex()];
    const args: (string | Buffer)[] = [this.keys.opdIndexPrefix()];
    const at = this.clock.now();
    for (const item of items) {
      const { source, externalId } = item;
      const c = item.write?.complaint;
      const itemKeys = [this.keys.rawRecords(source), this.keys.reporters(source)];
      if (c)
        itemKeys.push(
          this.keys.complaint(c.id),
          this.keys.externalIds(source),
          this.keys.caseMembers(c.caseId),
          this.keys.contentHashes(source),
          ...c.crossRefs.map((r) => this.keys.crossRefIndex(r.system)),
        );
      keys.push(...itemKeys);
      const audit = item.write ? auditFields({ ...item.write.audit, complaintId: c!.id }, at) : [];
      args.push(String(itemKeys.length), externalId, item.rawSha1 ?? '', item.reporter ?? '', String(audit.length));
      if (c)
        args.push(
          String(item.expectedVersion ?? 0),
          encodeComplaint(c),
          c.id,
          String(Date.parse(c.receivedAt)),
          c.contentHash,
          String(Date.parse(c.reportedAt)),
          c.opd?.code ?? '',
          ...rekapRecordArgs(this.keys, c),
          ...audit,
          ...c.crossRefs.map((r) => r.externalId),
        );
    }
    const applied = (await WRITE_PAGE.run(this.redis, keys, args)) as number[];
    return items.map((_, i) => applied[i] === 1);
  }
}

/** One record of a page: the version to write if any, the raw bytes it was read from, the reporter to keep. */
export interface PageItem {
  source: string;
  externalId: string;
  write?: ComplaintWrite;
  expectedVersion?: number;
  /** sha1 of the raw record's stored bytes as read; the field is dropped only if they are unchanged. */
  rawSha1?: string;
  /** The reporter's identity, packed; kept when the raw record goes. */
  reporter?: Buffer;
}

/**
 * The per-OPD index (an OPD's inbox and search): the complaint leaves the set of the OPD it
 * had and joins the set of the one it has now, scored by receivedAt. The set's key is the
 * prefix and the code: the scripts name it themselves, which the ledger's single Redis primary
 * allows (the old code is in the stored document the compare-and-set just checked).
 */
const MOVE_OPD = `
local function move_opd(prefix, held, code, received, id, call)
  local old = ''
  if held and type(held['opd']) == 'table' and type(held['opd']['code']) == 'string' then old = held['opd']['code'] end
  if old ~= '' and old ~= code then call('zrem', prefix .. old, id) end
  if code ~= '' then call('zadd', prefix .. code, received, id) end
end
`;

/**
 * Writes of a page that nothing in the script reads again (the documents, the id map, the
 * indexes, the held hashes, the raw records dropped, the reporters kept, the rekap days):
 * gathered per command and key and sent as one command each at the end, in slices of 1000
 * values so no call grows too long. What a later line of the script reads (the case set) is
 * written at once.
 */
const LATER = `
local later_groups, later_order = {}, {}
local function later(cmd, key, opt, ...)
  local id = cmd .. ' ' .. (opt or '') .. ' ' .. (key or '')
  local g = later_groups[id]
  if not g then
    g = { cmd = cmd, key = key, opt = opt, n = 0, v = {} }
    later_groups[id] = g
    later_order[#later_order + 1] = g
  end
  for i = 1, select('#', ...) do
    g.n = g.n + 1
    g.v[g.n] = select(i, ...)
  end
end
local function later_call(cmd, key, ...) later(cmd, key, nil, ...) end
local function flush_later()
  for _, g in ipairs(later_order) do
    for i = 1, g.n, 1000 do
      local args = {}
      if g.key then args[#args + 1] = g.key end
      if g.opt then args[#args + 1] = g.opt end
      for j = i, math.min(i + 999, g.n) do args[#args + 1] = g.v[j] end
      redis.call(g.cmd, unpack(args))
    end
  end
end
`;

/**
 * KEYS: index, audit, reported index, then per item: raw hash, reporters hash, and for a
 * write: complaint, xid map, case, content hashes, the cross-reference hash of each system it
 * names…. ARGV: the OPD index prefix, then per item: key count, externalId, raw sha1, packed
 * reporter, audit field count, and for a write: expected version, document, id, receivedAtMs,
 * content hash, reportedAtMs, OPD code ('' for none), the rekap record's four
 * (src/store/rekap-records.ts), audit fields…, the externalId of each record it names….
 *
 * What the items need to read is read first for the whole page (the documents in one MGET,
 * their reported times in one ZMSCORE, the raw records in one HMGET per source), then the
 * items are decided in order against it, a page's own earlier writes included.
 */
const WRITE_PAGE = new LuaScript(`
${DECODE_DOC}
${AUDIT_BY_PAGE}
${MOVE_OPD}
${KEEP_REKAP_RECORD}
${JOIN_CASE_LUA}
${LATER}
${CHUNKED_CALLS}
${XREF_ADDS}
local items = {}
local docKeys, ids, rawFields, rawKeys = {}, {}, {}, {}
local k, a = 4, 2
while a <= #ARGV do
  local it = { k = k, a = a, nkeys = tonumber(ARGV[a]), xid = ARGV[a + 1], sha = ARGV[a + 2], reporter = ARGV[a + 3] }
  local naudit = tonumber(ARGV[a + 4])
  it.raw, it.reporters = KEYS[k], KEYS[k + 1]
  if it.sha ~= '' then
    if not rawFields[it.raw] then
      rawFields[it.raw] = {}
      rawKeys[#rawKeys + 1] = it.raw
    end
    local f = rawFields[it.raw]
    f[#f + 1] = it.xid
  end
  a = a + 5
  if it.nkeys > 2 then
    it.w = a
    docKeys[#docKeys + 1] = KEYS[k + 2]
    ids[#ids + 1] = ARGV[a + 2]
    a = a + 11 + naudit + it.nkeys - 6
    it.naudit = naudit
  end
  items[#items + 1] = it
  k = k + it.nkeys
end
local docs = {}
for i = 1, #docKeys, 1000 do
  local part = redis.call('mget', unpack(docKeys, i, math.min(i + 999, #docKeys)))
  for j = 1, #part do docs[docKeys[i + j - 1]] = part[j] end
end
local function page_doc(key) return docs[key] end
local reportedWas = {}
local scores = chunked_read('zmscore', KEYS[3], ids)
for i, id in ipairs(ids) do reportedWas[id] = scores[i] end
local rawHeld = {}
for _, key in ipairs(rawKeys) do
  local values = chunked_read('hmget', key, rawFields[key])
  local held = {}
  for i, xid in ipairs(rawFields[key]) do held[xid] = values[i] end
  rawHeld[key] = held
end
local applied = {}
for _, it in ipairs(items) do
  local k, a, xid = it.k, it.w, it.xid
  local ok = 1
  if a then
    local key = KEYS[k + 2]
    local current = docs[key]
    local version = 0
    local held = nil
    if current then
      held = decode_doc(current)
      version = held['version']
    end
    if tostring(version) ~= ARGV[a] then
      ok = 0
    else
      local id = ARGV[a + 2]
      docs[key] = ARGV[a + 1]
      later('mset', nil, nil, key, ARGV[a + 1])
      later('hset', KEYS[k + 3], nil, xid, id)
      later('zadd', KEYS[1], 'NX', ARGV[a + 3], id)
      -- A new complaint in a case of its own id is that case alone: no set, nothing to count.
      local alone = version == 0 and ARGV[a + 9] == id
      if not alone then join_case(KEYS[k + 4], id, page_doc) end
      later('hset', KEYS[k + 5], nil, xid, ARGV[a + 4])
      keep_rekap_record(ARGV[a + 7], ARGV[a + 8], ARGV[a + 9], ARGV[a + 10], reportedWas[id], KEYS[k + 4], id, ARGV[a + 5], later_call, alone, KEYS[3], held and held['caseId'])
      reportedWas[id] = ARGV[a + 5]
      later('zadd', KEYS[3], nil, ARGV[a + 5], id)
      move_opd(ARGV[1], held, ARGV[a + 6], ARGV[a + 3], id, later_call)
      note_audit(a + 11, a + 10 + it.naudit)
      for i = k + 6, k + it.nkeys - 1 do add_xref(KEYS[i], ARGV[a + 11 + it.naudit + i - k - 6], id) end
    end
  end
  if ok == 1 and it.sha ~= '' then
    local held = rawHeld[it.raw][xid]
    if held and redis.sha1hex(held) == it.sha then
      rawHeld[it.raw][xid] = false
      later('hdel', it.raw, nil, xid)
      if it.reporter ~= '' then later('hset', it.reporters, nil, xid, it.reporter) end
    end
  end
  applied[#applied + 1] = ok
end
flush_later()
flush_xrefs()
flush_rekap()
flush_audit(KEYS[2])
return applied
`);

/**
 * KEYS: complaint, xid map, index, case, audit, content hashes, reported index, the
 * complaint's own trail, the cross-reference hash of each record it names...; ARGV:
 * expected version, doc, externalId, id, receivedAtMs, content hash, reportedAtMs, OPD index
 * prefix, OPD code ('' for none), the rekap record's four (src/store/rekap-records.ts), the
 * count of records it names and their externalIds, audit fields... The reported index (the rekap's,
 * by reportedAt), the rekap record and the OPD's index are updated inside the script, no
 * round trip of their own; a newer version may move them. A decision
 * on one complaint (routing, an operator's assignment) is also in its own trail, which its
 * page reads; a page of ingest writes (WRITE_PAGE) is not.
 */
const WRITE_IF_VERSION = new LuaScript(`
${DECODE_DOC}
${APPEND_AUDIT}
${CHUNKED_CALLS}
${XREF_ADDS}
${MOVE_OPD}
${KEEP_REKAP_RECORD}
${JOIN_CASE_LUA}
local current = redis.call('get', KEYS[1])
local version = 0
local held = nil
if current then
  held = decode_doc(current)
  version = held['version']
end
if tostring(version) ~= ARGV[1] then return 0 end
redis.call('set', KEYS[1], ARGV[2])
redis.call('hset', KEYS[2], ARGV[3], ARGV[4])
redis.call('zadd', KEYS[3], 'NX', ARGV[5], ARGV[4])
join_case(KEYS[4], ARGV[4], nil)
redis.call('hset', KEYS[6], ARGV[3], ARGV[6])
keep_rekap_record(ARGV[10], ARGV[11], ARGV[12], ARGV[13], redis.call('zscore', KEYS[7], ARGV[4]), KEYS[4], ARGV[4], ARGV[7], redis.call, false, KEYS[7], held and held['caseId'])
redis.call('zadd', KEYS[7], ARGV[7], ARGV[4])
move_opd(ARGV[8], held, ARGV[9], ARGV[5], ARGV[4], redis.call)
local nx = tonumber(ARGV[14])
append_audit(KEYS[5], KEYS[8], 15 + nx, #ARGV)
for i = 9, #KEYS do add_xref(KEYS[i], ARGV[14 + i - 8], ARGV[4]) end
flush_xrefs()
flush_rekap()
return 1
`);
