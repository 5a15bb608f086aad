import { randomBytes } from 'node:crypto';
import type { Redis } from '../redis/client.js';
import type { Clock } from '../domain/clock.js';
import { AccountRecords } from './accounts.js';
import {
  appendAudit,
  appendSyncRun,
  readComplaintTrail,
  readStream,
  type AuditEntry,
  type StreamEntry,
  type SyncRun,
} from './audit.js';
import { CaseLinks } from './case-links.js';
import { Cursors } from './cursors.js';
import { ImportTally } from './import-tally.js';
import { DedupIndex } from './dedup-index.js';
import { Echoes } from './echoes.js';
import { JsonHash } from './json-hash.js';
import { ledgerKeys, type LedgerKeys } from './keys.js';
import { Ledger } from './ledger.js';
import { acquireLock, leaseToken, renewedLease, type HeldLock, type Lease } from './lock.js';
import { ReportedIndex } from './reported-index.js';
import { RekapRecords } from './rekap-records.js';
import { RekapSummaries } from './rekap-summaries.js';
import { OpdIndex } from './opd-index.js';
import { PollBookkeeping } from './poll-bookkeeping.js';
import { Quarantine } from './quarantine.js';
import { RawRecords } from './raw-records.js';
import { Settling } from './settling.js';
import { RoutingModels } from './routing-models.js';
import { readCasePushView, saveThenReadPushView, type CasePushView, type PushViewOptions } from './push-view.js';
import { RemoteWrites } from './remote-writes.js';
import { ResponseStore, type OpdResponse } from './responses.js';
import { SendStates } from './send-states.js';
import { RunIntake } from './run-intake.js';
import { PushTally } from './push-tally.js';
import { deadLetterSchema, type DeadLetter } from './records.js';
import { TriageEntries } from './triage-entries.js';
import { SourceStates } from './source-states.js';
import { readSyncRuns, type SyncRunEntry } from './sync-runs.js';

/** Everything the daemon keeps in Redis, under one prefix. */
export interface Store {
  keys: LedgerKeys;
  ledger: Ledger;
  /** Complaints by reportedAt, for a period's rekap. */
  reported: ReportedIndex;
  /** The rekap's records of each complaint by day of report, for a period's rekap and the due lists. */
  rekapRecords: RekapRecords;
  /** The rekap's memoized day summaries and the change counters they are checked against. */
  rekapSummaries: RekapSummaries;
  /** Complaints per OPD (directory code), for an OPD's inbox and search. */
  opdIndex: OpdIndex;
  raw: RawRecords;
  /** Records whose ingest has not finished (marked with their raw copy, cleared by their page's ingest). */
  settling: Settling;
  runIntake: RunIntake;
  /** Per system, what the push stage wrote to it since its last sync run: taken into the next run's entry. */
  pushTally: PushTally;
  cursors: Cursors;
  /** A poll's lease, source state, cursor read and sync-run entry, in one call at each end. */
  polls: PollBookkeeping;
  sources: SourceStates;
  quarantine: Quarantine;
  triage: TriageEntries;
  deadLetters: JsonHash<DeadLetter>;
  accounts: AccountRecords;
  /** Routing models (versioned) and operator-given labels. */
  routing: RoutingModels;
  dedupIndex: DedupIndex;
  caseLinks: CaseLinks;
  /** OPD answers, and per (answer or complaint, destination) what was sent where. */
  responses: ResponseStore;
  sendStates: SendStates;
  echoes: Echoes;
  /** The bookkeeping before and after one remote write (budget slot, echo, send state, audit), one call each. */
  remoteWrites: RemoteWrites;
  /** A case as pushing its answers reads it, in one call (src/store/push-view.ts). */
  pushView(caseId: string, options?: Omit<PushViewOptions, 'lease'>): Promise<CasePushView>;
  /**
   * `pushView` with the lease lock `lease` names taken in the same call (as `lock` takes it);
   * undefined when someone else holds the lease.
   */
  leasedPushView(
    caseId: string,
    options: Omit<PushViewOptions, 'lease'> & { lease: string; ttlMs: number },
  ): Promise<{ view: CasePushView; lease: Lease } | undefined>;
  /** An answer saved with its audit entry, then its case read as `pushView` reads it, in one call. */
  saveAnswerThenPushView(
    response: OpdResponse,
    audit: AuditEntry & { complaintId: string },
    at: Date,
  ): Promise<CasePushView>;
  audit(entry: AuditEntry): Promise<void>;
  syncRun(run: SyncRun): Promise<void>;
  /** The newest audit entries, of all complaints or of one. */
  readAudit(count: number, complaintId?: string): Promise<StreamEntry[]>;
  /** The newest sync runs, optionally of one source (src/store/sync-runs.ts). */
  readSyncRuns(options: { limit: number; source?: string; scanLimit?: number }): Promise<SyncRunEntry[]>;
  /** The tally of one file's import into a source. */
  importTally(source: string, fingerprint: string): ImportTally;
  /** Salt for reporter hashes: from the environment, or generated once per deployment and kept. */
  reporterSalt(): Promise<string>;
  /** Marks a schedule slot as enqueued; false when any replica marked it first. */
  markSlot(jobId: string, ttlSeconds: number): Promise<boolean>;
  /** Sets a mark by name unless it is there (across replicas); true for the caller that set it. */
  once(name: string, ttlSeconds: number): Promise<boolean>;
  /** Removes a mark; true for the caller that removed it. */
  release(name: string): Promise<boolean>;
  /** A renewed lease lock by name, across replicas; undefined when someone else holds it. */
  lock(name: string, ttlMs: number): Promise<HeldLock | undefined>;
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
  const reported = new ReportedIndex(redis, keys);
  const sendStates = new SendStates(redis, keys);
  const responses = new ResponseStore(redis, keys);
  return {
    keys,
    ledger: new Ledger(redis, keys, clock),
    reported,
    rekapRecords: new RekapRecords(redis, keys, () => reported.ensureBuilt()),
    rekapSummaries: new RekapSummaries(redis, keys),
    opdIndex: new OpdIndex(redis, keys),
    runIntake: new RunIntake(redis, keys),
    pushTally: new PushTally(redis, keys),
    raw: new RawRecords(redis, keys),
    settling: new Settling(redis, keys),
    cursors: new Cursors(redis, keys),
    polls: new PollBookkeeping(redis, keys, clock),
    sources: new SourceStates(redis, keys, clock, options.failingAfter),
    quarantine: new Quarantine(redis, keys, clock),
    triage: new TriageEntries(redis, keys, clock),
    deadLetters: new JsonHash(redis, keys.deadLetters(), deadLetterSchema),
    accounts: new AccountRecords(redis, keys),
    routing: new RoutingModels(redis, keys),
    dedupIndex: new DedupIndex(redis, keys, DEDUP_INDEX_OPTIONS),
    caseLinks: new CaseLinks(redis, keys),
    responses,
    sendStates,
    echoes: new Echoes(redis, keys),
    remoteWrites: new RemoteWrites(redis, keys, sendStates),
    // Without a lease to take, the read always answers.
    pushView: async (caseId, options) => (await readCasePushView(redis, keys, caseId, options))!,
    async leasedPushView(caseId, { lease, ttlMs, ...options }) {
      const key = keys.lock(lease);
      const token = leaseToken();
      const view = await readCasePushView(redis, keys, caseId, { ...options, lease: { key, token, ttlMs } });
      return view && { view, lease: renewedLease(redis, key, token, ttlMs) };
    },
    saveAnswerThenPushView: (response, audit, at) =>
      saveThenReadPushView(redis, keys, responses, { response, audit, at }),
    audit: (entry) => appendAudit(redis, keys, entry, clock.now()),
    syncRun: (run) => appendSyncRun(redis, keys, run),
    readAudit: (count, complaintId) =>
      complaintId === undefined
        ? readStream(redis, keys.audit(), count)
        : readComplaintTrail(redis, keys, complaintId, count),
    readSyncRuns: (options) => readSyncRuns(redis, keys, options),
    importTally: (source, fingerprint) => new ImportTally(redis, keys, source, fingerprint),
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
    async once(name, ttlSeconds) {
      return (await redis.set(keys.once(name), '1', 'EX', ttlSeconds, 'NX')) === 'OK';
    },
    async release(name) {
      return (await redis.del(keys.once(name))) === 1;
    },
    async markSlot(jobId, ttlSeconds) {
      return (await redis.set(keys.slot(jobId), '1', 'EX', ttlSeconds, 'NX')) === 'OK';
    },
    lock: (name, ttlMs) => acquireLock(redis, keys.lock(name), ttlMs),
    async lockRemainingMs(name) {
      return Math.max(0, await redis.pttl(keys.lock(name)));
    },
    async ping() {
      return (await redis.ping()) === 'PONG';
    },
  };
}
