import type { Redis } from '../redis/client.js';
import type { Complaint } from '../domain/complaint.js';
import { DECODE_DOC, decodeComplaint } from './complaint-doc.js';
import type { LedgerKeys } from './keys.js';
import { LayoutMove } from './layout-move.js';
import { LuaScript } from './lua-script.js';

/*
 * A case's members are a set (`<p>:case:<id>`) only once it has had a second complaint. A case
 * of one complaint has no set: that complaint is the one whose id the case has (a case is
 * always named after one of its complaints, and that one leaves it only when the whole case
 * is merged into another), so it is the case's member while its document names the case.
 * Such a set took 225 B (Redis 7.0 keeps a set of strings as a hashtable) and an SADD per
 * complaint: about 210 MiB at a million complaints.
 */

/**
 * Lua: `case_id_of(case_key)`, `founder_key(case_key)` (the document of the complaint the case
 * is named after: the same prefix, `complaint:` for `case:`), and `case_members(case_key)`: the
 * set's members, or for a case without a set its founder's id and true, without asking whether
 * it is still in the case (for scripts that only bump counters, where one too many does no
 * harm, or that read the founder's document anyway).
 */
export const CASE_MEMBERS_LUA = `
local function case_id_of(case_key) return string.match(case_key, '[^:]+$') end
local function founder_key(case_key)
  local id = case_id_of(case_key)
  return string.sub(case_key, 1, #case_key - #id - 5) .. 'complaint:' .. id
end
local function case_members(case_key)
  local members = redis.call('smembers', case_key)
  if #members == 0 then return { case_id_of(case_key) }, true end
  return members, false
end
`;

/**
 * Lua, after DECODE_DOC and CASE_MEMBERS_LUA: `join_case(case_key, id, doc_of)` files a
 * complaint written into a case: nothing for the founder of a case without a set, the founder
 * with it when a second complaint joins and the founder is still there (`doc_of(key)`: its
 * document as the calling script holds it, nil to read it).
 */
export const JOIN_CASE_LUA = `
local function join_case(case_key, id, doc_of)
  if redis.call('exists', case_key) == 1 then
    redis.call('sadd', case_key, id)
    return
  end
  local case_id = case_id_of(case_key)
  if id == case_id then return end
  local key = founder_key(case_key)
  local founder = doc_of and doc_of(key)
  if founder == nil then founder = redis.call('get', key) end
  if founder and decode_doc(founder)['caseId'] == case_id then
    redis.call('sadd', case_key, case_id, id)
  else
    redis.call('sadd', case_key, id)
  end
end
`;

/**
 * KEYS: case sets; ARGV, per case: '1' when the caller holds its founder's document and it
 * names the case, '0' when it names another, '' when the caller holds none (it is read here).
 * Each case's members: its set, or its founder alone (a case of one complaint), or none.
 */
const MEMBERS = new LuaScript(`${DECODE_DOC}
${CASE_MEMBERS_LUA}
local out = {}
for i, key in ipairs(KEYS) do
  local members = redis.call('smembers', key)
  if #members == 0 then
    local founder = ARGV[i] == '1'
    if ARGV[i] == '' then
      local doc = redis.call('get', founder_key(key))
      founder = doc and decode_doc(doc)['caseId'] == case_id_of(key)
    end
    if founder then members = { case_id_of(key) } end
  end
  out[i] = members
end
return out
`);

/** Cases read per call. */
const CASES_PER_CALL = 500;

/**
 * The members of many cases, in one call per 500. `held`: complaints the caller has just read
 * (their documents tell whether a case without a set is its founder's, with no read of it).
 */
export async function caseMembersOf(
  redis: Redis,
  keys: LedgerKeys,
  caseIds: readonly string[],
  held: readonly Pick<Complaint, 'id' | 'caseId'>[] = [],
): Promise<Map<string, string[]>> {
  const founders = new Map(held.map((c) => [c.id, c.caseId === c.id ? '1' : '0']));
  const out = new Map<string, string[]>();
  for (let i = 0; i < caseIds.length; i += CASES_PER_CALL) {
    const batch = caseIds.slice(i, i + CASES_PER_CALL);
    const lists = (await MEMBERS.run(
      redis,
      batch.map((id) => keys.caseMembers(id)),
      batch.map((id) => founders.get(id) ?? ''),
    )) as string[][];
    batch.forEach((id, j) => out.set(id, lists[j] ?? []));
  }
  return out;
}

export const LONE_CASE_SETS_DROPPED = 'lone-case-sets';

/** KEYS: case sets; drops each that holds its founder alone. */
const DROP_LONE = new LuaScript(`${CASE_MEMBERS_LUA}
for _, key in ipairs(KEYS) do
  if redis.call('scard', key) == 1 and redis.call('sismember', key, case_id_of(key)) == 1 then redis.call('del', key) end
end
return 1
`);

/**
 * The sets of cases of one complaint, as written before such cases had none: dropped once per
 * ledger (SCAN of the case sets; the founder is read as the member it was). Reads are right
 * with or without them: this only gives their memory back.
 */
export function loneCaseSets(redis: Redis, keys: LedgerKeys): LayoutMove {
  return new LayoutMove(redis, keys, {
    marker: LONE_CASE_SETS_DROPPED,
    oldPrefix: keys.caseMembers(''),
    moveBatch: (found) => DROP_LONE.run(redis, found, []),
  });
}

/** Complaint documents, decoded (null when gone), in the order asked. */
export async function complaintDocs(redis: Redis, keys: LedgerKeys, ids: readonly string[]): Promise<unknown[]> {
  if (ids.length === 0) return [];
  return (await redis.mgetBuffer(ids.map((id) => keys.complaint(id)))).map(decodeComplaint);
}
