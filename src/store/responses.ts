import type { Redis } from '../redis/client.js';
import { z } from 'zod';
import { isoTimestamp } from '../domain/draft.js';
import { APPEND_AUDIT, auditFields, auditKeys, type AuditEntry } from './audit.js';
import type { LedgerKeys } from './keys.js';
import { LuaScript } from './lua-script.js';
import { BUMP_REKAP } from './rekap-records.js';
import { CHUNKED_CALLS } from './lua-chunks.js';
import { RekapSummaries } from './rekap-summaries.js';
import { decodeResponse, encodeResponse } from './response-doc.js';

/**
 * An OPD's answer to a case. It starts as a draft unless its OPD needs no approval; only
 * approved answers are pushed. `origin` is the record it was pulled from, named like a push
 * target (system, the record's id there) so it is never sent back to that record;
 * `answerId` is the answer's own id in that system, when it has one.
 */
export const opdResponseSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  complaintId: z.string(),
  origin: z.object({ source: z.string(), externalId: z.string(), answerId: z.string().optional() }).optional(),
  text: z.string().min(1),
  by: z.string().min(1),
  /** The unit that signs it, as people read it; `opdCode` is its directory code. */
  opd: z.string().optional(),
  opdCode: z.string().optional(),
  at: isoTimestamp,
  state: z.enum(['draft', 'approved', 'rejected']),
  approvedBy: z.string().optional(),
  approvedAt: isoTimestamp.optional(),
  /** Approved by a head from a draft (not approved when stored). */
  fromDraft: z.boolean().optional(),
  rejectedBy: z.string().optional(),
  rejectedAt: isoTimestamp.optional(),
  rejectReason: z.string().optional(),
  editedBy: z.string().optional(),
  editedAt: isoTimestamp.optional(),
  createdAt: isoTimestamp,
  /** Delivered before the bridge existed (an imported history): recorded as sent where it came from, never sent anywhere. */
  historical: z.boolean().optional(),
});
export type OpdResponse = z.infer<typeof opdResponseSchema>;

/**
 * Whether a head decided this answer: rejected, or approved from a draft. An answer whose
 * OPD needs no approval, one published at its source and history are approved when stored
 * (approvedAt = createdAt): nobody was asked.
 */
export function decidedByHead(a: Pick<OpdResponse, 'state' | 'approvedAt' | 'createdAt' | 'fromDraft'>): boolean {
  if (a.state === 'rejected') return true;
  return a.state === 'approved' && (a.fromDraft === true || (a.approvedAt ?? a.createdAt) > a.createdAt);
}

/**
 * Lua: keeps the drafts index (`<p>:responses:drafts`, id → createdAt ms) with an answer's
 * write: `draft` is its createdAt while it is a draft, '' once it is not.
 */
const INDEX_DRAFT = `
local function index_draft(drafts, id, draft)
  if draft ~= '' then redis.call('zadd', drafts, draft, id) else redis.call('zrem', drafts, id) end
end
`;

/**
 * Lua: `save_audited(audit_from)` writes an answer with its audit entry. KEYS: answers, drafts
 * index, the rekap's versions and reported index, the case's members, then the audit keys;
 * ARGV: id, the answer (src/store/response-doc.ts), draft score ('' for none), and from
 * `audit_from` the audit fields. The rekap's hours of the case are bumped in the same call.
 */
export const SAVE_AUDITED_LUA = `${APPEND_AUDIT}
${INDEX_DRAFT}
${BUMP_REKAP}
local function save_audited(audit_from)
  redis.call('hset', KEYS[1], ARGV[1], ARGV[2])
  index_draft(KEYS[2], ARGV[1], ARGV[3])
  append_audit(KEYS[6], KEYS[7] or false, audit_from, #ARGV)
  bump_rekap_case(KEYS[3], KEYS[4], KEYS[5])
  flush_rekap()
end
`;

const SAVE_AUDITED = new LuaScript(`${SAVE_AUDITED_LUA}
save_audited(4)
`);

/**
 * KEYS: answers, the case's answers, drafts index, the rekap's versions and reported index,
 * the case's members; ARGV: id, the answer, time, draft score. Adds it unless held, bumping the
 * rekap's hours of the case; 1 when added.
 */
const ADD_ONE = new LuaScript(`${INDEX_DRAFT}
${BUMP_REKAP}
if redis.call('hsetnx', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('zadd', KEYS[2], ARGV[3], ARGV[1])
if ARGV[4] ~= '' then index_draft(KEYS[3], ARGV[1], ARGV[4]) end
bump_rekap_case(KEYS[4], KEYS[5], KEYS[6])
flush_rekap()
return 1
`);

/** A stored answer, or undefined when there is none or it is unreadable (left out where answers are listed). */
export function readAnswer(stored: Buffer | null | undefined): OpdResponse | undefined {
  const parsed = opdResponseSchema.safeParse(decodeResponse(stored));
  return parsed.success ? parsed.data : undefined;
}

/** The drafts index's score of an answer: its createdAt while a draft, '' when it is none. */
function draftScore(r: OpdResponse): string {
  return r.state === 'draft' ? String(Date.parse(r.createdAt)) : '';
}

/** Drafts read per call of `drafts`. */
const DRAFTS_PER_READ = 500;
export const DRAFTS_INDEXED = 'drafts-index';

/** KEYS: the answers hash, then one case's answer index each: per case, its answers oldest first ('' where gone). */
const OF_EACH_CASE = new LuaScript(`
local out = {}
for i = 2, #KEYS do
  local ids = redis.call('zrange', KEYS[i], 0, -1)
  local list = {}
  for from = 1, #ids, 1000 do
    local texts = redis.call('hmget', KEYS[1], unpack(ids, from, math.min(from + 999, #ids)))
    for j = 1, #texts do list[#list + 1] = texts[j] or '' end
  end
  out[#out + 1] = list
end
return out
`);

/** Cases per call of `ofEachCase`. */
const CASES_PER_CALL = 500;

/**
 * OPD answers by id, and per case in time order. Every write tells the rekap (its approval
 * wait counts the answers of the cases it counts) through the report hours of the case's
 * complaints (src/store/rekap-summaries.ts), after the write, so a summary read in between
 * is recomputed.
 */
export class ResponseStore {
  private readonly versions: RekapSummaries;

  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
  ) {
    this.versions = new RekapSummaries(redis, keys);
  }

  async get(id: string): Promise<OpdResponse | undefined> {
    const stored = await this.redis.hgetBuffer(this.keys.responses(), id);
    return stored === null ? undefined : opdResponseSchema.parse(decodeResponse(stored));
  }

  /** Adds the answer unless one with the same id exists; returns the stored one. */
  async add(response: OpdResponse): Promise<{ response: OpdResponse; added: boolean }> {
    // One call: an answer stored is in its case's list (a crash in between left it in neither).
    const added =
      (await ADD_ONE.run(
        this.redis,
        [
          this.keys.responses(),
          this.keys.caseResponses(response.caseId),
          this.keys.draftAnswers(),
          ...this.rekapKeys(response.caseId),
        ],
        [response.id, encodeResponse(response), Date.parse(response.at), draftScore(response)],
      )) === 1;
    if (!added) return { response: (await this.get(response.id))!, added };
    return { response, added };
  }

  async save(response: OpdResponse): Promise<void> {
    const multi = this.redis.multi().hset(this.keys.responses(), response.id, encodeResponse(response));
    const score = draftScore(response);
    if (score) multi.zadd(this.keys.draftAnswers(), score, response.id);
    else multi.zrem(this.keys.draftAnswers(), response.id);
    await multi.exec();
    await this.versions.bumpCases([response.caseId]);
  }

  /**
   * The answers waiting for a head's approval, oldest first, from the drafts index (kept with
   * every write; built once from all answers for a ledger written before it). An entry whose
   * answer is no draft any more is dropped as it is met.
   */
  async *drafts(): AsyncGenerator<OpdResponse> {
    await this.ensureDraftsIndexed();
    for (let offset = 0; ; offset += DRAFTS_PER_READ) {
      const ids = await this.redis.zrange(this.keys.draftAnswers(), offset, offset + DRAFTS_PER_READ - 1);
      if (ids.length === 0) return;
      const stored = await this.redis.hmgetBuffer(this.keys.responses(), ...ids);
      const stale: string[] = [];
      for (const [i, bytes] of stored.entries()) {
        const answer = readAnswer(bytes);
        if (answer?.state === 'draft') yield answer;
        else stale.push(ids[i]!);
      }
      if (stale.length > 0) {
        await this.redis.zrem(this.keys.draftAnswers(), ...stale);
        offset -= stale.length;
      }
    }
  }

  private async ensureDraftsIndexed(): Promise<void> {
    if ((await this.redis.get(this.keys.meta(DRAFTS_INDEXED))) === 'v1') return;
    for await (const r of this.all())
      if (r.state === 'draft') await this.redis.zadd(this.keys.draftAnswers(), Date.parse(r.createdAt), r.id);
    await this.redis.set(this.keys.meta(DRAFTS_INDEXED), 'v1');
  }

  /** `save` with the change's audit entry (dated `at`), in one call. */
  async saveAudited(response: OpdResponse, audit: AuditEntry, at: Date): Promise<void> {
    const { keys, args } = this.savedAudited(response, audit, at);
    await SAVE_AUDITED.run(this.redis, keys, args);
  }

  /** What `save_audited(4)` takes for an answer and its audit entry: KEYS, and ARGV (the audit fields last). */
  savedAudited(response: OpdResponse, audit: AuditEntry, at: Date): { keys: string[]; args: (string | Buffer)[] } {
    return {
      keys: [
        this.keys.responses(),
        this.keys.draftAnswers(),
        ...this.rekapKeys(response.caseId),
        ...auditKeys(this.keys, audit),
      ],
      args: [response.id, encodeResponse(response), draftScore(response), ...auditFields(audit, at)],
    };
  }

  /** What a script that bumps the rekap's hours of a case reads (`bump_rekap_case`). */
  private rekapKeys(caseId: string): string[] {
    return [this.keys.rekapVersions(), this.keys.reportedIndex(), this.keys.caseMembers(caseId)];
  }

  /** A case's answers, oldest first: the order they must reach every channel in. */
  async ofCase(caseId: string): Promise<OpdResponse[]> {
    const ids = await this.redis.zrange(this.keys.caseResponses(caseId), 0, -1);
    if (ids.length === 0) return [];
    const stored = await this.redis.hmgetBuffer(this.keys.responses(), ...ids);
    return stored.filter((b): b is Buffer => b !== null).map((b) => opdResponseSchema.parse(decodeResponse(b)));
  }

  /** The answers of many cases (`ofEachCase`, flattened). */
  async ofCases(caseIds: readonly string[]): Promise<OpdResponse[]> {
    return (await this.ofEachCase(caseIds)).flat();
  }

  /** The answers of each case asked, oldest first: one Lua call per 500 cases; unreadable entries are left out. */
  async ofEachCase(caseIds: readonly string[]): Promise<OpdResponse[][]> {
    const out: OpdResponse[][] = [];
    for (let i = 0; i < caseIds.length; i += CASES_PER_CALL) {
      const batch = caseIds.slice(i, i + CASES_PER_CALL);
      const lists = (await OF_EACH_CASE.runBuffer(
        this.redis,
        [this.keys.responses(), ...batch.map((id) => this.keys.caseResponses(id))],
        [],
      )) as Buffer[][];
      for (const list of lists) out.push(list.flatMap((bytes) => readAnswer(bytes) ?? []));
    }
    return out;
  }

  /**
   * Adds answers that are not stored yet, each to its case, in one call (one HMGET and one
   * HSET for all, a ZADD per case): returns, per answer, whether it was added (false: one with
   * its id was there already).
   */
  async addMany(responses: readonly OpdResponse[]): Promise<boolean[]> {
    if (responses.length === 0) return [];
    const added = (await ADD_NEW.run(
      this.redis,
      [this.keys.responses(), this.keys.draftAnswers(), ...responses.map((r) => this.keys.caseResponses(r.caseId))],
      responses.flatMap((r) => [r.id, encodeResponse(r), Date.parse(r.at), draftScore(r)]),
    )) as number[];
    await this.versions.bumpCases(responses.filter((_, i) => added[i] === 1).map((r) => r.caseId));
    return responses.map((_, i) => added[i] === 1);
  }

  /** Answers that go to another case than the one they were stored under (`from`): each saved there and indexed there only. */
  async relocate(moves: readonly { response: OpdResponse; from: string }[]): Promise<void> {
    if (moves.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const { response, from } of moves)
      pipeline
        .hset(this.keys.responses(), response.id, encodeResponse(response))
        .zadd(this.keys.caseResponses(response.caseId), Date.parse(response.at), response.id)
        .zrem(this.keys.caseResponses(from), response.id);
    await pipeline.exec();
    await this.versions.bumpCases(moves.flatMap(({ response, from }) => [from, response.caseId]));
  }

  /** When two cases become one, their answers follow (send states are per answer, so nothing is re-sent). */
  async moveCase(from: string, into: string): Promise<number> {
    const moved = await this.ofCase(from);
    for (const r of moved) {
      await this.save({ ...r, caseId: into });
      await this.redis.zadd(this.keys.caseResponses(into), Date.parse(r.at), r.id);
    }
    await this.redis.del(this.keys.caseResponses(from));
    await this.versions.bumpCases([from, into]);
    return moved.length;
  }

  /** A split: the answers written to these complaints go with them to their new case. */
  async moveAnswersOf(from: string, into: string, complaintIds: readonly string[]): Promise<number> {
    const moved = (await this.ofCase(from)).filter((r) => complaintIds.includes(r.complaintId));
    for (const r of moved) {
      await this.save({ ...r, caseId: into });
      await this.redis.zadd(this.keys.caseResponses(into), Date.parse(r.at), r.id);
      await this.redis.zrem(this.keys.caseResponses(from), r.id);
    }
    await this.versions.bumpCases([from, into]);
    return moved.length;
  }

  async *all(): AsyncGenerator<OpdResponse> {
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscanBuffer(this.keys.responses(), cursor, 'COUNT', 200);
      cursor = next.toString();
      for (let i = 1; i < flat.length; i += 2) yield opdResponseSchema.parse(decodeResponse(flat[i]));
    } while (cursor !== '0');
  }
}

/**
 * KEYS: the answers hash, the drafts index, then each answer's case list; ARGV: per answer its
 * id, the answer as stored, time and draft score. An answer is added where its id is not held (the first of
 * one id given wins, as one HSETNX after the other would); replies 1 for each added, 0 for
 * the others.
 */
const ADD_NEW = new LuaScript(`
${CHUNKED_CALLS}
local ids = {}
for i = 1, #ARGV, 4 do ids[#ids + 1] = ARGV[i] end
local held = chunked_read('hmget', KEYS[1], ids)
local taken, writes, added = {}, {}, {}
for n, id in ipairs(ids) do
  if held[n] or taken[id] then
    added[n] = 0
  else
    taken[id] = true
    added[n] = 1
    writes[#writes + 1] = id
    writes[#writes + 1] = ARGV[4 * n - 2]
    redis.call('zadd', KEYS[n + 2], ARGV[4 * n - 1], id)
    if ARGV[4 * n] ~= '' then redis.call('zadd', KEYS[2], ARGV[4 * n], id) end
  end
end
chunked_write('hset', KEYS[1], writes)
return added
`);
