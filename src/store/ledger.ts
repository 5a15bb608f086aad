import type { Redis } from 'ioredis';
import type { Clock } from '../domain/clock.js';
import { complaintSchema, type Complaint } from '../domain/complaint.js';
import { auditFields, type AuditEntry } from './audit.js';
import type { LedgerKeys } from './keys.js';

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
  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
    private readonly clock: Clock,
  ) {}

  async get(id: string): Promise<Complaint | undefined> {
    const text = await this.redis.get(this.keys.complaint(id));
    return text === null ? undefined : complaintSchema.parse(JSON.parse(text));
  }

  async idOf(source: string, externalId: string): Promise<string | undefined> {
    return (await this.redis.hget(this.keys.externalIds(source), externalId)) ?? undefined;
  }

  async count(): Promise<number> {
    return this.redis.zcard(this.keys.complaintIndex());
  }

  async ids(offset = 0, limit = 100): Promise<string[]> {
    return this.redis.zrange(this.keys.complaintIndex(), offset, offset + limit - 1);
  }

  async caseMembers(caseId: string): Promise<string[]> {
    return this.redis.smembers(this.keys.caseMembers(caseId));
  }

  async referencing(system: string, externalId: string): Promise<string[]> {
    return this.redis.smembers(this.keys.crossRefs(system, externalId));
  }

  /**
   * Reads the complaint, lets `decide` compute the next version (or nothing), and writes it
   * with its external-id mapping, case membership, cross-references and audit entry in one
   * Lua call that applies only if the stored version is still the one `decide` saw
   * (compare-and-set). A loser re-reads and decides again.
   */
  async transact(id: string, decide: (existing: Complaint | undefined) => ComplaintWrite | null): Promise<ComplaintWrite | null> {
    const key = this.keys.complaint(id);
    for (let attempt = 0; attempt < MAX_TRANSACTION_RETRIES; attempt++) {
      const text = await this.redis.get(key);
      const existing = text === null ? undefined : complaintSchema.parse(JSON.parse(text));
      const write = decide(existing);
      if (!write) return null;
      const c = write.complaint;
      const keys = [key, this.keys.externalIds(c.source), this.keys.complaintIndex(), this.keys.caseMembers(c.caseId), this.keys.audit(), ...c.crossRefs.map((r) => this.keys.crossRefs(r.system, r.externalId))];
      const args = [String(existing?.version ?? 0), JSON.stringify(c), c.externalId, c.id, String(Date.parse(c.receivedAt)), ...auditFields({ ...write.audit, complaintId: c.id }, this.clock.now())];
      if ((await this.redis.eval(WRITE_IF_VERSION, keys.length, ...keys, ...args)) === 1) return write;
      // Lost the race: back off a little, randomly, so writers of one hot complaint spread out.
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 ** attempt)));
    }
    throw new Error(`complaint ${id}: too much contention, giving up after ${MAX_TRANSACTION_RETRIES} attempts`);
  }
}

/** KEYS: complaint, xid map, index, case, audit, xref...; ARGV: expected version, doc, externalId, id, receivedAtMs, audit fields... */
const WRITE_IF_VERSION = `
local current = redis.call('get', KEYS[1])
local version = 0
if current then version = cjson.decode(current)['version'] end
if tostring(version) ~= ARGV[1] then return 0 end
redis.call('set', KEYS[1], ARGV[2])
redis.call('hset', KEYS[2], ARGV[3], ARGV[4])
redis.call('zadd', KEYS[3], 'NX', ARGV[5], ARGV[4])
redis.call('sadd', KEYS[4], ARGV[4])
redis.call('xadd', KEYS[5], 'MAXLEN', '~', 1000000, '*', unpack(ARGV, 6))
for i = 6, #KEYS do redis.call('sadd', KEYS[i], ARGV[4]) end
return 1
`;
