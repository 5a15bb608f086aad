import type { Redis } from '../redis/client.js';
import type { Complaint } from '../domain/complaint.js';
import type { LedgerKeys } from './keys.js';
import { CASE_MEMBERS_LUA } from './case-members.js';
import { LuaScript } from './lua-script.js';
import { readComplaint } from './complaint-doc.js';
import type { AuditEntry } from './audit.js';
import { opdResponseSchema, SAVE_AUDITED_LUA, type OpdResponse, type ResponseStore } from './responses.js';
import { decodeResponse } from './response-doc.js';
import { parseSendState, sendStateSchema, type SendState, type StoredSendState } from './send-states.js';

/** What pushing a case's answers reads, in one call: its complaints with their send states, its answers, and records asked for besides. */
export interface CasePushView {
  /** The case's complaints (undefined where the document is gone), each with all its send states. */
  members: { id: string; complaint: Complaint | undefined; sendStates: Record<string, SendState> }[];
  /** The case's answers, oldest first, each with its send state at the field asked (none when no field was asked). */
  answers: { response: OpdResponse; state: StoredSendState }[];
  /** The complaints asked for by id (the record an answer goes to), undefined where the ledger holds none. */
  complaints: Map<string, Complaint | undefined>;
}

/*
 * Lua, after CASE_MEMBERS_LUA: `read_view(members, answer_list, answers, complaint_prefix,
 * send_prefix, field, asked)` reads a case for pushing: its members, its answer list, the
 * answers hash; the send-state field of each answer ('' for none), complaint ids to read
 * besides. Returns members, their documents, their send states (flat), answer ids, answer
 * texts, their states at the field, the documents asked, and 1 when the case has no set (its
 * founder stands for it: a member while its document names the case).
 */
const READ_VIEW = `
local function read_view(members_key, answer_list, answers_key, complaint_prefix, send_prefix, field, asked_ids)
  local members, founder_only = case_members(members_key)
  local docs, states = {}, {}
  for i, id in ipairs(members) do
    docs[i] = redis.call('get', complaint_prefix .. id)
    states[i] = redis.call('hgetall', send_prefix .. id)
  end
  local ids = redis.call('zrange', answer_list, 0, -1)
  local answers, answer_states = {}, {}
  if #ids > 0 then answers = redis.call('hmget', answers_key, unpack(ids)) end
  if field ~= '' then
    for i, id in ipairs(ids) do answer_states[i] = redis.call('hget', send_prefix .. id, field) end
  end
  local asked = {}
  for i, id in ipairs(asked_ids) do asked[i] = redis.call('get', complaint_prefix .. id) end
  return {members, docs, states, ids, answers, answer_states, asked, founder_only and 1 or 0}
end
`;

/*
 * KEYS: the case's member set, its answer list, the answers hash, a lease's key (when ARGV[4]
 * is not ''). ARGV: the complaint key prefix, the send-state key prefix, the send-state field
 * of each answer ('' for none), the lease's token ('' for none) and its time in ms, then
 * complaint ids to read besides. Returns nothing when the lease is someone else's.
 */
const READ = new LuaScript(`${CASE_MEMBERS_LUA}
${READ_VIEW}
if ARGV[4] ~= '' and not redis.call('set', KEYS[4], ARGV[4], 'PX', ARGV[5], 'NX') then return false end
return read_view(KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[2], ARGV[3], { unpack(ARGV, 6) })
`);

/*
 * An answer saved with its audit entry (`save_audited`, src/store/responses.ts: its KEYS, the
 * trail last), then its case read for pushing. KEYS: those, then the case's answer list.
 * ARGV: the answer's id, text and draft score, the complaint and send-state key prefixes,
 * the audit fields.
 */
const SAVE_THEN_READ = new LuaScript(`${SAVE_AUDITED_LUA}
${READ_VIEW}
save_audited(6)
return read_view(KEYS[5], KEYS[8], KEYS[1], ARGV[4], ARGV[5], '', {})
`);

type Bulk = Buffer | null;
type Reply = [Buffer[], Bulk[], Buffer[][], Buffer[], Bulk[], Bulk[], Bulk[], number];

const text = (b: Bulk | undefined): string | null => (b === null || b === undefined ? null : b.toString('utf8'));

export interface PushViewOptions {
  /** The send state each answer is read at (an answers job's destination record). */
  field?: string;
  /** Documents read besides. */
  complaints?: readonly string[];
  /** A lease taken in the same call (SET NX with this token and time); the view is undefined when another holds it. */
  lease?: { key: string; token: string; ttlMs: number };
}

/**
 * Reads a case for pushing its answers in one Lua call (instead of a members read, a
 * document read per complaint, a send-state read per complaint and per answer, and the
 * answer list and texts), with a lease taken first when asked (PushViewOptions).
 */
export async function readCasePushView(
  redis: Redis,
  keys: LedgerKeys,
  caseId: string,
  options: PushViewOptions = {},
): Promise<CasePushView | undefined> {
  const { lease } = options;
  // Documents are MessagePack: the reply is read as bytes.
  const reply = (await READ.runBuffer(
    redis,
    [keys.caseMembers(caseId), keys.caseResponses(caseId), keys.responses(), ...(lease ? [lease.key] : [])],
    [
      keys.complaint(''),
      keys.sendState(''),
      options.field ?? '',
      lease?.token ?? '',
      lease?.ttlMs ?? 0,
      ...(options.complaints ?? []),
    ],
  )) as Reply | null;
  return reply === null ? undefined : decodeView(reply, options.complaints ?? []);
}

/**
 * An answer saved with its audit entry (which names its complaint), and its case as pushing
 * reads it after the save, in one call: what approving an answer does before queueing its jobs.
 */
export async function saveThenReadPushView(
  redis: Redis,
  keys: LedgerKeys,
  responses: ResponseStore,
  saved: { response: OpdResponse; audit: AuditEntry & { complaintId: string }; at: Date },
): Promise<CasePushView> {
  const save = responses.savedAudited(saved.response, saved.audit, saved.at);
  const [id, text, draft, ...audit] = save.args;
  const reply = (await SAVE_THEN_READ.runBuffer(
    redis,
    [...save.keys, keys.caseResponses(saved.response.caseId)],
    [id!, text!, draft!, keys.complaint(''), keys.sendState(''), ...audit],
  )) as Reply;
  return decodeView(reply, []);
}

function decodeView(reply: Reply, askedIds: readonly string[]): CasePushView {
  const [memberIds, docs, memberStates, answerIds, answerTexts, answerStates, asked, founderOnly] = reply;
  const parsed = new Map<string, Complaint | undefined>();
  const complaintOf = (id: string, doc: Bulk | undefined) => {
    if (!parsed.has(id)) parsed.set(id, doc ? readComplaint(doc) : undefined);
    return parsed.get(id);
  };
  const members = memberIds.map((raw, i) => {
    const id = raw.toString('utf8');
    const flat = memberStates[i] ?? [];
    const sendStates: Record<string, SendState> = {};
    for (let f = 0; f + 1 < flat.length; f += 2)
      sendStates[flat[f]!.toString('utf8')] = sendStateSchema.parse(JSON.parse(flat[f + 1]!.toString('utf8')));
    return { id, complaint: complaintOf(id, docs[i]), sendStates };
  });
  // A case without a set is its founder's, while the founder's document still names it.
  if (founderOnly === 1 && members[0]?.complaint?.caseId !== members[0]?.id) members.length = 0;
  const answers = answerIds.flatMap((_, i) => {
    const body = answerTexts[i];
    if (!body) return [];
    const raw = text(answerStates[i]);
    return [{ response: opdResponseSchema.parse(decodeResponse(body)), state: { state: parseSendState(raw), raw } }];
  });
  const complaints = new Map(askedIds.map((id, i) => [id, complaintOf(id, asked[i])]));
  return { members, answers, complaints };
}
