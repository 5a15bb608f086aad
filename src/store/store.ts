import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Clock } from '../domain/clock.js';
import { AccountRecords } from './accounts.js';
import { appendAudit, appendSyncRun, type AuditEntry, type SyncRun } from './audit.js';
import { CaseLinks } from './case-links.js';
import { Cursors } from './cursors.js';
import { DedupIndex } from './dedup-index.js';
import { JsonHash } from './json-hash.js';
import { ledgerKeys, type LedgerKeys } from './keys.js';
import { Ledger } from './ledger.js';
import { ReportedIndex } from './reported-index.js';
import { Quarantine } from './quarantine.js';
import { RawRecords } from './raw-records.js';
import { RoutingModels } from './routing-models.js';
import { deadLetterSchema, triageEntrySchema, type DeadLetter, type TriageEntry } from './records.js';
import { SourceStates } from './source-states.js';

/** Everything the daemon keeps in Redis, under one prefix. */
export interface Store {
  redis: Redis;
  keys: LedgerKeys;
  ledger: Ledger;
  /** Complaints by reportedAt, for a period's rekap. */
  reported: ReportedIndex;
  raw: RawRecords;
  cursors: Cursors;
  sources: SourceStates;
  quarantine: Quarantine;
  triage: JsonHash<TriageEntry>;
  deadLetters: JsonHash<DeadLetter>;
  accounts: AccountRecords;
  /** Routing models (versioned) and operator-given labels. */
  routing: RoutingModels;
  dedupIndex: DedupIndex;
  caseLinks: CaseLinks;
  audit(entry: AuditEntry): Promise<void>;
  syncRun(run: SyncRun): Promise<void>;
  /** Salt for reporter hashes: from the environment, or generated once per deployment and kept. */
  reporterSalt(): Promise<string>;
  /** Marks a schedule slot as enqueued; false when any replica marked it first. */
  markSlot(jobId: string, ttlSeconds: number): Promise<boolean>;
  /** Milliseconds left on a lease lock by name; 0 when nobody holds it. */
  lockRemainingMs(name: string): Promise<number>;
  /** True when Redis answers. */
  ping(): Promise<boolean>;
  /** The running daemon's authority rules, published at its start; operator commands act under them. */
  authorityRules: { read(): Promise<unknown>; publish(rules: unknown): Promise<void> };
}

/** A complaint meets at most 32 candidates (bucket sizes: src/dedup/buckets.ts). */
const DEDUP_INDEX_OPTIONS = { maxCandidates: 32 };

export function createStore(
  redis: Redis,
  prefix: string,
  clock: Clock,
  options: { failingAfter: number; reporterSalt?: string },
): Store {
  const keys = ledgerKeys(prefix);
  let salt = options.reporterSalt;
  return {
    redis,
    keys,
    ledger: new Ledger(redis, keys, clock),
    reported: new ReportedIndex(redis, keys),
    raw: new RawRecords(redis, keys),
    cursors: new Cursors(redis, keys),
    sources: new SourceStates(redis, keys, clock, options.failingAfter),
    quarantine: new Quarantine(redis, keys, clock),
    triage: new JsonHash(redis, keys.triage(), triageEntrySchema),
    deadLetters: new JsonHash(redis, keys.deadLetters(), deadLetterSchema),
    accounts: new AccountRecords(redis, keys),
    routing: new RoutingModels(redis, keys),
    dedupIndex: new DedupIndex(redis, keys, DEDUP_INDEX_OPTIONS),
    caseLinks: new CaseLinks(redis, keys),
    audit: (entry) => appendAudit(redis, keys, entry, clock.now()),
    syncRun: (run) => appendSyncRun(redis, keys, run),
    async reporterSalt() {
      if (salt) return salt;
      await redis.set(keys.meta('reporter-salt'), randomBytes(32).toString('hex'), 'NX');
      salt = (await redis.get(keys.meta('reporter-salt')))!;
      return salt;
    },
    authorityRules: {
      async read() {
        const text = await redis.get(keys.meta('authority'));
        return text === null ? undefined : (JSON.parse(text) as unknown);
      },
      async publish(rules) {
        await redis.set(keys.meta('authority'), JSON.stringify(rules));
      },
    },
    async markSlot(jobId, ttlSeconds) {
      return (await redis.set(keys.slot(jobId), '1', 'EX', ttlSeconds, 'NX')) === 'OK';
    },
    async lockRemainingMs(name) {
      return Math.max(0, await redis.pttl(keys.lock(name)));
    },
    async ping() {
      return (await redis.ping()) === 'PONG';
    },
  };
}
