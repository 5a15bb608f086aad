import { hashTag } from '../redis/topology.js';

/** Every ledger key, under one configurable prefix. One place, so names never drift. */
export function ledgerKeys(prefix: string) {
  return {
    complaint: (id: string) => `${prefix}:complaint:${id}`,
    /** Hash externalId → complaint id, per source. */
    externalIds: (source: string) => `${prefix}:xid:${source}`,
    /** Hash per system: externalId → the complaint ids (comma-separated) that name that record as a cross-reference. */
    crossRefIndex: (system: string) => `${prefix}:xrefs:${system}`,
    /** A set of the same per record, as written before the hashes; moved into them on first read. */
    crossRefs: (system: string, externalId: string) => `${prefix}:xref:${system}:${externalId}`,
    caseMembers: (caseId: string) => `${prefix}:case:${caseId}`,
    /** Case merges and splits begun and not yet finished (their answers not yet moved): src/store/case-changes.ts. */
    caseChanges: () => `${prefix}:cases:changing`,
    /** Sorted set of all complaint ids by receivedAt (ms). */
    complaintIndex: () => `${prefix}:complaints`,
    /** Hash externalId → raw record (msgpack) of one source, held until the ledger has its version. */
    rawRecords: (source: string) => `${prefix}:raw:${source}`,
    /**
     * Sorted set externalId → when its raw record was stored, per source: records whose ingest
     * (ledger write and the steps after it: dedup, push planning) has not finished. Their
     * page's ingest clears them; a poll queues those left too long again (src/pipeline/resettle.ts).
     */
    settling: (source: string) => `${prefix}:settling:${source}`,
    /** One key per raw record, as stored before they moved into `rawRecords`; still read, never written. */
    legacyRaw: (source: string, externalId: string) => `${prefix}:raw:${source}:${externalId}`,
    /** Hash externalId → reporter identity (msgpack) as the source gave it; the ledger keeps only a hash of it. */
    reporters: (source: string) => `${prefix}:reporter:${source}`,
    /** Hash externalId → content hash of the version the ledger holds: a re-delivered, unchanged record stops at the door. */
    contentHashes: (source: string) => `${prefix}:held:${source}`,
    /** Sorted set of all complaint ids by reportedAt (ms): a period's complaints without reading the others. */
    reportedIndex: () => `${prefix}:complaints:reported`,
    /** What the ledger scripts put before a day number: hash complaint id → its rekap record, per UTC day of reportedAt. */
    rekapDayPrefix: () => `${prefix}:rekap:day:`,
    rekapDay: (day: number) => `${prefix}:rekap:day:${day}`,
    /** Hash UTC hour of report time → a counter the ledger scripts bump when something counted there changes; never deleted. */
    rekapVersions: () => `${prefix}:rekap:versions`,
    /** A local day's memoized rekap summary under one settings fingerprint (src/rekap/day-summary.ts). */
    rekapSummary: (fingerprint: string, day: number) => `${prefix}:rekap:summary:${fingerprint}:${day}`,
    /** Set of case ids that have had more than one complaint: only those are read whole by the rekap. */
    multiRecordCases: () => `${prefix}:rekap:multi-case`,
    /** Sorted set per OPD (directory code) of its complaint ids by receivedAt (ms): an OPD's inbox and search. */
    opdIndex: (code: string) => `${prefix}:complaints:opd:${code}`,
    /** What the ledger scripts put before a code: they move a complaint between OPD sets as its OPD changes. */
    opdIndexPrefix: () => `${prefix}:complaints:opd:`,
    cursor: (source: string, lane: string) => `${prefix}:cursor:${source}:${lane}`,
    sourceState: (source: string) => `${prefix}:source:${source}`,
    lock: (name: string) => `${prefix}:lock:${name}`,
    /** Marks a schedule slot as enqueued, across replicas. */
    slot: (jobId: string) => `${prefix}:slot:${jobId}`,
    quarantine: () => `${prefix}:quarantine`,
    triage: () => `${prefix}:triage`,
    deadLetters: () => `${prefix}:dlq`,
    audit: () => `${prefix}:audit`,
    syncRuns: () => `${prefix}:sync-runs`,
    /** A mark set once across replicas (an alert sent for an incident, a summary for a day). */
    once: (name: string) => `${prefix}:once:${name}`,
    /** Ingest outcomes of one sync run (its poll job id). */
    runIntake: (run: string) => `${prefix}:run-intake:${run}`,
    /** Writes the push stage made to one system (accepted, failed) since that system's last sync run ended. */
    pushTally: (system: string) => `${prefix}:push-tally:${system}`,
    meta: (name: string) => `${prefix}:meta:${name}`,
    /** OPD answers (drafts and approved) by id, and per case in time order. */
    responses: () => `${prefix}:responses`,
    caseResponses: (caseId: string) => `${prefix}:case-responses:${caseId}`,
    /** Sorted set of the answers waiting for approval (drafts), by createdAt ms. */
    draftAnswers: () => `${prefix}:responses:drafts`,
    /** Per-destination send state of one complaint or case. */
    sendState: (scope: string) => `${prefix}:send:${scope}`,
    /**
     * What we wrote into the remote records of one system (answer ids and text hashes), so it is
     * not pulled back as news: a hash, externalId → JSON list (src/store/echoes.ts).
     */
    echoIndex: (system: string) => `${prefix}:echoes:${system}`,
    /** One remote record's echoes as a set of its own, as written before the hash; moved into it on first read. */
    echoes: (system: string, externalId: string) => `${prefix}:echo:${system}:${externalId}`,
    /** Writes to a destination in one minute, across replicas. */
    rate: (destination: string, minute: number) => `${prefix}:rate:${destination}:${minute}`,
    /** One file import's tally (a hash), and `:ids` / `:rejects` beside it; per source and file fingerprint. */
    importRun: (source: string, fingerprint: string) => `${prefix}:import:${source}:${fingerprint}`,
    /** The last actions on one complaint, beside the global audit stream, for its page. */
    complaintTrail: (complaintId: string) => `${prefix}:trail:${complaintId}`,
    /** The same as a stream per complaint, as kept before the trail lists; still read, never written. */
    complaintAudit: (complaintId: string) => `${prefix}:audit:complaint:${complaintId}`,
    /** Accounts by user name (JSON with the password hash), sessions by the hash of their id, API tokens by id. */
    users: () => `${prefix}:users`,
    session: (idHash: string) => `${prefix}:session:${idHash}`,
    userSessions: (username: string) => `${prefix}:user-sessions:${username}`,
    apiTokens: () => `${prefix}:api-tokens`,
    /** Failed logins in the current lock window, per user name and per client address. */
    loginFailures: (kind: 'user' | 'address', value: string) => `${prefix}:login-fail:${kind}:${value}`,
    /** Routing: model blobs by version, the current version, and operator-given training examples. */
    routingModel: (version: string) => `${prefix}:routing:model:${version}`,
    routingCurrent: () => `${prefix}:routing:current`,
    routingExamples: () => `${prefix}:routing:examples`,
    /** How many complaints had an OPD when the current model was trained (src/routing/service.ts `trainEarly`). */
    routingTrainedWith: () => `${prefix}:routing:trained-with`,
    /** Dedup index: sequence counter, complaint id → sequence number, sequence → dedup document, and capped candidate buckets. */
    dedupSeq: () => `${prefix}:dedup:seq`,
    dedupIds: () => `${prefix}:dedup:ids`,
    dedupDocs: () => `${prefix}:dedup:docs`,
    /** Hash sequence → how often its document was replaced (a complaint filed again before dedup decided on it); absent: never. */
    dedupRevisions: () => `${prefix}:dedup:revisions`,
    /** When this index began (server time): references of an index emptied and begun again name other texts. */
    dedupEpoch: () => `${prefix}:dedup:epoch`,
    /** Hash bucket name → comma-separated sequence numbers, oldest first, capped (src/store/dedup-index.ts). */
    dedupBuckets: () => `${prefix}:dedup:buckets`,
    /** A bucket as a key of its own, as written before the buckets hash; moved into it on first use. */
    dedupBucket: (bucket: string) => `${prefix}:dedup:b:${bucket}`,
    /** Case proposals by pair id, the open ones by time, pairs an operator kept apart. */
    dedupProposals: () => `${prefix}:dedup:proposals`,
    dedupOpen: () => `${prefix}:dedup:open`,
    dedupApart: () => `${prefix}:dedup:apart`,
    /** Hash complaint id → the ids of its related complaints, comma-separated (src/store/case-links.ts). */
    dedupRelatedIndex: () => `${prefix}:dedup:related`,
    /** A complaint's related complaints as a set of its own, as written before the hash; moved into it on first use. */
    dedupRelated: (complaintId: string) => `${prefix}:dedup:related:${complaintId}`,
  } as const;
}
export type LedgerKeys = ReturnType<typeof ledgerKeys>;

/**
 * BullMQ prefix. The braces make it a Redis Cluster hash tag, so a queue's keys share a slot;
 * a key prefix that carries a tag of its own ("{kab-blora}") keeps the queues under it, in the
 * slot of the ledger's keys.
 */
export function queuePrefix(keyPrefix: string): string {
  return hashTag(keyPrefix) ? `${keyPrefix}:bull` : `{${keyPrefix}}`;
}

/** SCAN patterns of every key under a key prefix: the ledger's, and the queues' when they lie apart. */
export function keyPatterns(keyPrefix: string): string[] {
  const queues = queuePrefix(keyPrefix);
  return queues.startsWith(`${keyPrefix}:`) ? [`${keyPrefix}:*`] : [`${keyPrefix}:*`, `${queues}:*`];
}
