import type { Redis } from '../redis/client.js';
import { DECODE_DOC, decodeComplaint } from './complaint-doc.js';
import type { LedgerKeys } from './keys.js';
import { LuaScript } from './lua-script.js';

/*
 * A case's members are a set (`<p>:case:<id>`) only once it has had a second complaint. A case
 * of one complaint has no set: that complaint is the one whose id the case has (a case is
 * always named after one of its complaints, and that one leaves it only when the whole case
 * is merged into another), so it is the case's member while its document names the case.
 * At a million complaints the sets of lone cases took 220 MB of Redis, and one SADD each.
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
 * KEYS: case sets. Each case's members: its set, or its founder where its document still
 * names the case (a case of one complaint), or none.
 */
const MEMBERS = new LuaScript(`${DECODE_DOC}
${CASE_MEMBERS_LUA}
local out = {}
for i, key in ipairs(KEYS) do
  local members = redis.call('smembers', key)
  if #members == 0 then
    local founder = redis.call('get', founder_key(key))
    if founder and decode_doc(founder)['caseId'] == case_id_of(key) then members = { case_id_of(key) } end
  end
  out[i] = members
end
return out
`);

/** Cases read per call. */
const CASES_PER_CALL = 500;

/** The members of many cases, in one call per 500. */
export async function caseMembersOf(
  redis: Redis,
  keys: LedgerKeys,
  caseIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < caseIds.length; i += CASES_PER_CALL) {
    const batch = caseIds.slice(i, i + CASES_PER_CALL);
    const lists = (await MEMBERS.run(
      redis,
      batch.map((id) => keys.caseMembers(id)),
      [],
    )) as string[][];
    batch.forEach((id, j) => out.set(id, lists[j] ?? []));
  }
  return out;
}

/** Complaint documents, decoded (null when gone), in the order asked. */
export async function complaintDocs(redis: Redis, keys: LedgerKeys, ids: readonly string[]): Promise<unknown[]> {
  if (ids.length === 0) return [];
  return (await redis.mgetBuffer(ids.map((id) => keys.complaint(id)))).map(decodeComplaint);
}
