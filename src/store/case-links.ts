import type { Redis } from '../redis/client.js';
import { z } from 'zod';
import { isoTimestamp } from '../domain/draft.js';
import { APPEND_AUDIT_PAGE, pageAuditArg, type PageAudit } from './audit.js';
import { XREF_ADDS } from './cross-refs.js';
import type { LedgerKeys } from './keys.js';
import { CHUNKED_CALLS } from './lua-chunks.js';
import { LayoutMove } from './layout-move.js';
import { LuaScript } from './lua-script.js';

/** Two complaints dedup found alike enough to ask an operator whether they are one case. */
export const proposalSchema = z.object({
  id: z.string(),
  a: z.string(),
  b: z.string(),
  kind: z.enum(['duplicate', 'related']),
  score: z.number(),
  signals: z.array(z.string()),
  at: isoTimestamp,
  state: z.enum(['open', 'confirmed', 'rejected']),
  decidedBy: z.string().optional(),
  decidedAt: isoTimestamp.optional(),
});
export type Proposal = z.infer<typeof proposalSchema>;

/** The same id for a pair in either order, so two replicas proposing it make one proposal. */
export function pairId(a: string, b: string): string {
  return a < b ? `${a}~${b}` : `${b}~${a}`;
}

/** What dedup's decisions on one ingest page write, in one call (`CaseLinks.recordPage`). */
export interface LinksPage {
  /** Proposals in the page's order; one already made (by anyone, ever) is not made again. */
  proposals: Proposal[];
  /** Pairs of related complaints, related both ways. */
  related: (readonly [string, string])[];
  /** `proposed.entries[i]` is the entry of `proposals[i]`, kept only where it was added; `related` as given. */
  audit: { proposed: PageAudit; related: PageAudit };
}

/*
 * The related lists share the cross-references' layout (a hash field of comma-separated ids,
 * each once), so they share its Lua.
 * KEYS: proposals hash, open proposals, related hash, audit stream, then the trails of the
 * audited complaints. ARGV[1]: JSON {proposals: [[id, text, at ms]], related: [[a, b]],
 * proposed, relatedAudit} (the audits as PageAuditArg). Returns 1 or 0 per proposal: added.
 */
const RECORD_PAGE = new LuaScript(`
${CHUNKED_CALLS}
${XREF_ADDS}
${APPEND_AUDIT_PAGE}
local page = cjson.decode(ARGV[1])
local added = {}
if #page.proposals > 0 then
  local ids = {}
  for i, p in ipairs(page.proposals) do ids[i] = p[1] end
  local held = chunked_read('hmget', KEYS[1], ids)
  local seen, writes, open = {}, {}, {}
  for i, p in ipairs(page.proposals) do
    added[i] = 0
    if not held[i] and not seen[p[1]] then
      seen[p[1]] = true
      added[i] = 1
      writes[#writes + 1] = p[1]
      writes[#writes + 1] = p[2]
      open[#open + 1] = p[3]
      open[#open + 1] = p[1]
    end
  end
  chunked_write('hset', KEYS[1], writes)
  chunked_write('zadd', KEYS[2], open)
end
for _, pair in ipairs(page.related) do
  add_xref(KEYS[3], pair[1], pair[2])
  add_xref(KEYS[3], pair[2], pair[1])
end
flush_xrefs()
append_audit_page(KEYS[4], page.proposed, function(i) return added[i] == 1 end)
append_audit_page(KEYS[4], page.relatedAudit)
flush_trails()
return added
`);

/**
 * KEYS: sets of the old layout (`<p>:dedup:related:<id>`), ARGV: the length of
 * `<p>:dedup:related:`, the hash. Each set's members join its complaint's field and the set goes.
 */
const MOVE_SETS = new LuaScript(`
${CHUNKED_CALLS}
${XREF_ADDS}
local from = tonumber(ARGV[1]) + 1
for _, key in ipairs(KEYS) do
  local id = string.sub(key, from)
  for _, other in ipairs(redis.call('smembers', key)) do add_xref(ARGV[2], id, other) end
  redis.call('del', key)
end
flush_xrefs()
return 1
`);

export const RELATED_MOVED = 'related-hash';

/**
 * Proposals, pairs an operator kept apart, and related complaints (one hash, complaint id →
 * its related ids, so a page's relations are one read and one write). Sets of the layout
 * before (one per complaint) move into the hash once, on first use.
 */
export class CaseLinks {
  private readonly moved: LayoutMove;

  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
  ) {
    this.moved = new LayoutMove(redis, keys, {
      marker: RELATED_MOVED,
      oldPrefix: keys.dedupRelated(''),
      moveBatch: (found, length) => MOVE_SETS.run(redis, found, [length, keys.dedupRelatedIndex()]),
    });
  }

  async get(id: string): Promise<Proposal | undefined> {
    const text = await this.redis.hget(this.keys.dedupProposals(), id);
    return text === null ? undefined : proposalSchema.parse(JSON.parse(text));
  }

  /** Adds an open proposal unless the pair was ever proposed; returns whether it was added. */
  async propose(p: Proposal): Promise<boolean> {
    const added = (await this.redis.hsetnx(this.keys.dedupProposals(), p.id, JSON.stringify(p))) === 1;
    if (added) await this.redis.zadd(this.keys.dedupOpen(), Date.parse(p.at), p.id);
    return added;
  }

  async decide(p: Proposal): Promise<void> {
    await this.redis
      .multi()
      .hset(this.keys.dedupProposals(), p.id, JSON.stringify(p))
      .zrem(this.keys.dedupOpen(), p.id)
      .exec();
  }

  async open(offset = 0, limit = 100): Promise<Proposal[]> {
    const ids = await this.redis.zrange(this.keys.dedupOpen(), offset, offset + limit - 1);
    if (ids.length === 0) return [];
    const texts = await this.redis.hmget(this.keys.dedupProposals(), ...ids);
    return texts.filter((t): t is string => t !== null).map((t) => proposalSchema.parse(JSON.parse(t)));
  }

  async openCount(): Promise<number> {
    return this.redis.zcard(this.keys.dedupOpen());
  }

  async keepApart(a: string, b: string, apart: boolean): Promise<void> {
    if (apart) await this.redis.sadd(this.keys.dedupApart(), pairId(a, b));
    else await this.redis.srem(this.keys.dedupApart(), pairId(a, b));
  }

  async apart(a: string, others: readonly string[]): Promise<Set<string>> {
    return (await this.apartOfEach([{ id: a, others }]))[0]!;
  }

  /** `apart` for many complaints in one SMISMEMBER: per complaint asked, which of its others were kept apart from it. */
  async apartOfEach(asked: readonly { id: string; others: readonly string[] }[]): Promise<Set<string>[]> {
    const pairs = asked.flatMap(({ id, others }) => others.map((o) => pairId(id, o)));
    if (pairs.length === 0) return asked.map(() => new Set());
    const flags = await this.redis.smismember(this.keys.dedupApart(), ...pairs);
    let next = 0;
    return asked.map(({ others }) => new Set(others.filter(() => flags[next++] === 1)));
  }

  /**
   * A page of dedup's decisions in one call: the proposals not made before (an audit entry
   * each, in the page's entry), the related pairs, their audit entries. Returns, per
   * proposal, whether it was added.
   */
  async recordPage(page: LinksPage, at: Date): Promise<boolean[]> {
    const { proposals, related, audit } = page;
    if (proposals.length === 0 && related.length === 0) return [];
    await this.moved.done();
    const keys = [this.keys.dedupProposals(), this.keys.dedupOpen(), this.keys.dedupRelatedIndex(), this.keys.audit()];
    const arg = {
      proposals: proposals.map((p) => [p.id, JSON.stringify(p), String(Date.parse(p.at))]),
      related,
      proposed: pageAuditArg(this.keys, audit.proposed, at, keys),
      relatedAudit: pageAuditArg(this.keys, audit.related, at, keys),
    };
    const added = (await RECORD_PAGE.run(this.redis, keys, [JSON.stringify(arg)])) as number[];
    return proposals.map((_, i) => added[i] === 1);
  }

  /** The complaints related to any of these, but these. */
  async relatedTo(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    await this.moved.done();
    const lists = await this.redis.hmget(this.keys.dedupRelatedIndex(), ...ids);
    const found = new Set(lists.flatMap((list) => (list ? list.split(',') : [])));
    for (const id of ids) found.delete(id);
    return [...found].sort();
  }
}
