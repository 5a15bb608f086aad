import type { Redis } from '../redis/client.js';
import { z } from 'zod';
import { isoTimestamp } from '../domain/draft.js';
import { APPEND_AUDIT, auditFields, auditKeys, type AuditEntry } from './audit.js';
import type { LedgerKeys } from './keys.js';
import { LuaScript } from './lua-script.js';
import { CHUNKED_CALLS } from './lua-chunks.js';

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

const SAVE_AUDITED = new LuaScript(`${APPEND_AUDIT}
redis.call('hset', KEYS[1], ARGV[1], ARGV[2])
append_audit(KEYS[2], KEYS[3] or false, 3, #ARGV)
`);

export class ResponseStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
  ) {}

  async get(id: string): Promise<OpdResponse | undefined> {
    const text = await this.redis.hget(this.keys.responses(), id);
    return text === null ? undefined : opdResponseSchema.parse(JSON.parse(text));
  }

  /** Adds the answer unless one with the same id exists; returns the stored one. */
  async add(response: OpdResponse): Promise<{ response: OpdResponse; added: boolean }> {
    const added = (await this.redis.hsetnx(this.keys.responses(), response.id, JSON.stringify(response))) === 1;
    if (!added) return { response: (await this.get(response.id))!, added };
    await this.redis.zadd(this.keys.caseResponses(response.caseId), Date.parse(response.at), response.id);
    return { response, added };
  }

  async save(response: OpdResponse): Promise<void> {
    await this.redis.hset(this.keys.responses(), response.id, JSON.stringify(response));
  }

  /** `save` with the change's audit entry (dated `at`), in one call. */
  async saveAudited(response: OpdResponse, audit: AuditEntry, at: Date): Promise<void> {
    await SAVE_AUDITED.run(
      this.redis,
      [this.keys.responses(), ...auditKeys(this.keys, audit)],
      [response.id, JSON.stringify(response), ...auditFields(audit, at)],
    );
  }

  /** A case's answers, oldest first: the order they must reach every channel in. */
  async ofCase(caseId: string): Promise<OpdResponse[]> {
    const ids = await this.redis.zrange(this.keys.caseResponses(caseId), 0, -1);
    if (ids.length === 0) return [];
    const texts = await this.redis.hmget(this.keys.responses(), ...ids);
    return texts.filter((t): t is string => t !== null).map((t) => opdResponseSchema.parse(JSON.parse(t)));
  }

  /** The answers of many cases in two round trips (one pipelined ZRANGE, one HMGET); unreadable entries are left out. */
  async ofCases(caseIds: readonly string[]): Promise<OpdResponse[]> {
    return (await this.ofEachCase(caseIds)).flat();
  }

  /** The answers of each case asked, oldest first, in the same two round trips as `ofCases`. */
  async ofEachCase(caseIds: readonly string[]): Promise<OpdResponse[][]> {
    if (caseIds.length === 0) return [];
    const listed = await caseIds
      .reduce((p, caseId) => p.zrange(this.keys.caseResponses(caseId), 0, -1), this.redis.pipeline())
      .exec();
    const idsOf = caseIds.map((_, i) => {
      const value = listed?.[i]?.[1];
      return Array.isArray(value) ? (value as string[]) : [];
    });
    const ids = idsOf.flat();
    if (ids.length === 0) return idsOf.map(() => []);
    const texts = await this.redis.hmget(this.keys.responses(), ...ids);
    const byId = new Map<string, OpdResponse>();
    ids.forEach((id, i) => {
      const text = texts[i];
      if (text === null || text === undefined) return;
      const parsed = opdResponseSchema.safeParse(JSON.parse(text));
      if (parsed.success) byId.set(id, parsed.data);
    });
    return idsOf.map((list) => list.flatMap((id) => byId.get(id) ?? []));
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
      [this.keys.responses(), ...responses.map((r) => this.keys.caseResponses(r.caseId))],
      responses.flatMap((r) => [r.id, JSON.stringify(r), Date.parse(r.at)]),
    )) as number[];
    return responses.map((_, i) => added[i] === 1);
  }

  /** When two cases become one, their answers follow (send states are per answer, so nothing is re-sent). */
  async moveCase(from: string, into: string): Promise<number> {
    const moved = await this.ofCase(from);
    for (const r of moved) {
      await this.save({ ...r, caseId: into });
      await this.redis.zadd(this.keys.caseResponses(into), Date.parse(r.at), r.id);
    }
    await this.redis.del(this.keys.caseResponses(from));
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
    return moved.length;
  }

  async *all(): AsyncGenerator<OpdResponse> {
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscan(this.keys.responses(), cursor, 'COUNT', 200);
      cursor = next;
      for (let i = 1; i < flat.length; i += 2) yield opdResponseSchema.parse(JSON.parse(flat[i]!));
    } while (cursor !== '0');
  }
}

/**
 * KEYS: the answers hash, then each answer's case list; ARGV: per answer its id, JSON and
 * time. An answer is added where its id is not held (the first of one id given wins, as
 * one HSETNX after the other would); replies 1 for each added, 0 for the others.
 */
const ADD_NEW = new LuaScript(`
${CHUNKED_CALLS}
local ids = {}
for i = 1, #ARGV, 3 do ids[#ids + 1] = ARGV[i] end
local held = chunked_read('hmget', KEYS[1], ids)
local taken, writes, added = {}, {}, {}
for n, id in ipairs(ids) do
  if held[n] or taken[id] then
    added[n] = 0
  else
    taken[id] = true
    added[n] = 1
    writes[#writes + 1] = id
    writes[#writes + 1] = ARGV[3 * n - 1]
    redis.call('zadd', KEYS[n + 1], ARGV[3 * n], id)
  end
end
chunked_write('hset', KEYS[1], writes)
return added
`);
