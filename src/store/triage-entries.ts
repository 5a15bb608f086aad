import type { Clock } from '../domain/clock.js';
import type { Redis } from '../redis/client.js';
import { APPEND_AUDIT, auditFields, auditKeys } from './audit.js';
import { JsonHash } from './json-hash.js';
import type { LedgerKeys } from './keys.js';
import { LuaScript } from './lua-script.js';
import { mayBeReviewed, triageEntrySchema, type TriageEntry } from './records.js';

/**
 * An entry goes with its audit entry in one call, and only while it is the entry that was read
 * (filed at ARGV[2]): one filed again meanwhile, by a newer version of the record with the same
 * problem, stays for another look.
 */
const REVIEWED = new LuaScript(`${APPEND_AUDIT}
local held = redis.call('hget', KEYS[1], ARGV[1])
if not held or cjson.decode(held).at ~= ARGV[2] then return 0 end
redis.call('hdel', KEYS[1], ARGV[1])
append_audit(KEYS[2], KEYS[3] or false, 3, #ARGV)
return 1
`);

export type ReviewOutcome = { reviewed: number } | { refused: 'not_found' | 'assignable' | 'filed_again' };

/** What waits for an operator, by entry id (`<complaint id>:<topic>`). */
export class TriageEntries extends JsonHash<TriageEntry> {
  constructor(
    redis: Redis,
    private readonly keys: LedgerKeys,
    private readonly clock: Clock,
  ) {
    super(redis, keys.triage(), triageEntrySchema);
  }

  /**
   * Marks the entry `id` reviewed by `by` and, with `same`, every entry of its kind, channel and
   * value (one status word a source sends on many records): each goes with an audit entry in its
   * complaint's trail. Entries an OPD settles are refused: they need one. `seenAt`, the filing
   * time of the entry as the reviewer saw it, refuses an entry filed again since.
   */
  async review(id: string, by: string, options: { same?: boolean; seenAt?: string } = {}): Promise<ReviewOutcome> {
    const entry = await this.get(id);
    if (!entry) return { refused: 'not_found' };
    if (!mayBeReviewed(entry.kind)) return { refused: 'assignable' };
    if (options.seenAt !== undefined && options.seenAt !== entry.at) return { refused: 'filed_again' };
    const chosen: [string, TriageEntry][] = [[id, entry]];
    if (options.same)
      for await (const [other, e] of this.entries())
        if (other !== id && e.kind === entry.kind && e.source === entry.source && e.value === entry.value)
          chosen.push([other, e]);
    const now = this.clock.now();
    const done = await Promise.all(
      chosen.map(([key, e]) => {
        const audit = {
          who: `operator:${by}`,
          what: 'triage_reviewed',
          why: `${e.kind} ${e.value}`,
          complaintId: e.complaintId,
          detail: { kind: e.kind, source: e.source, value: e.value },
        };
        return REVIEWED.run(
          this.redis,
          [this.key, ...auditKeys(this.keys, audit)],
          [key, e.at, ...auditFields(audit, now)],
        );
      }),
    );
    return { reviewed: done.filter((n) => n === 1).length };
  }
}
