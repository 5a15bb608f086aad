import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.js';
import { complaintId, type Complaint } from '../domain/complaint.js';
import { complaintDraftSchema, type ComplaintDraft } from '../domain/draft.js';
import { pack } from 'msgpackr';
import type { ComplaintWrite, PageItem } from '../store/ledger.js';
import type { TriageEntry } from '../store/records.js';
import type { Store } from '../store/store.js';
import { buildComplaint } from './build-complaint.js';
import { countInvalidCharacters } from '../text/invalid-characters.js';
import { sourceOpd, type OpdResolvePort } from './resolve-opd.js';
import { linkedCases, linkedCasesOfPage, mergeCases, type CaseDeps } from '../dedup/cases.js';
import type { DedupStage } from '../dedup/stage.js';

export type IngestOutcome = 'created' | 'updated' | 'unchanged' | 'stale' | 'quarantined' | 'missing';

export interface IngestDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** The OPD directory, as far as ingest needs it. */
  opd: OpdResolvePort;
  /** Routing of the page's written complaints the source gave no known OPD (rules, model, triage). */
  routePage?(complaints: Complaint[]): Promise<void>;
  /** Source names that hold records of a cross-reference system (e.g. "lapor" → the lapor-kind sources). */
  sourcesOfSystem(system: string): string[];
  /** Whether a source's records say their classification at all (Connector.classifies); absent: every source does. */
  classifies?(source: string): boolean;
  /** Where the forward rules send a record arriving for the first time (kept in its document: see Complaint.forwardTo). */
  forwardsOf?(source: string, draft: ComplaintDraft): string[];
  /**
   * What other systems must now see (push planning) for a page's complaints: idempotent, run
   * after every ingest that holds them. `created`: those this page's write created, each still
   * alone in a case of its own (nothing is known of them elsewhere yet).
   */
  afterPage?(complaints: Complaint[], created: ReadonlySet<string>): Promise<void>;
  /** Two cases turned out to be one (answers move along). */
  onCaseMerged?(from: string, into: string): Promise<void>;
  /** Near-duplicates and related reports (src/dedup); without it only ids and cross-references link. */
  dedup?: Pick<DedupStage, 'placePage'>;
}

function caseDeps(deps: IngestDeps): CaseDeps {
  return {
    ledger: deps.store.ledger,
    audit: (e) => deps.store.audit(e),
    sourcesOfSystem: deps.sourcesOfSystem,
    ...(deps.onCaseMerged ? { onCaseMerged: deps.onCaseMerged } : {}),
  };
}

/** Triage questions a page files and settles, written in one call each at the page's end. */
interface TriageBatch {
  set: Map<string, TriageEntry>;
  settled: Set<string>;
}

/**
 * Files what a complaint's version leaves for an operator and settles what an earlier version
 * asked and this one answers (a status now mapped, a classification now given, text now clean):
 * only an earlier version can have filed a question, so a first version settles nothing.
 */
function fileForTriage(
  deps: IngestDeps,
  complaint: Complaint,
  draft: ComplaintDraft,
  unknownOpd: string | undefined,
  triage: TriageBatch,
): void {
  const at = deps.clock.now().toISOString();
  const ask = (topic: string, question: Pick<TriageEntry, 'kind' | 'value'> | undefined) => {
    const id = `${complaint.id}:${topic}`;
    if (question) {
      triage.settled.delete(id);
      triage.set.set(id, { ...question, complaintId: complaint.id, source: complaint.source, at });
    } else if (complaint.version > 1) {
      triage.set.delete(id);
      triage.settled.add(id);
    }
  };
  // An OPD the directory does not know is settled by an OPD, not by the value going away.
  if (unknownOpd !== undefined && !complaint.opd?.code) ask('opd', { kind: 'unknown_opd', value: unknownOpd });
  else if (complaint.opd?.code) ask('opd', undefined);
  ask('status', draft.status ? undefined : { kind: 'unmapped_status', value: draft.sourceStatus ?? '(none)' });
  const classifies = deps.classifies?.(complaint.source) ?? true;
  ask(
    'classification',
    draft.classification || !classifies ? undefined : { kind: 'missing_classification', value: '(none)' },
  );
  const texts = [draft.title ?? '', draft.body, ...draft.responses.map((r) => r.text)];
  const replaced = texts.reduce((sum, t) => sum + countInvalidCharacters(t), 0);
  ask('text', replaced > 0 ? { kind: 'invalid_text', value: String(replaced) } : undefined);
}

/** Merges for one record before its cases are left for the next ingest or worker to join. */
const MAX_MERGE_ROUNDS = 5;

/** What became of one record of a page. */
export interface IngestResult {
  externalId: string;
  outcome: IngestOutcome;
  complaintId?: string;
}

/** One record of a page, decided in Node before the page's single write. */
interface Decided {
  externalId: string;
  id: string;
  draft: ComplaintDraft;
  caseId: string;
  existing: Complaint | undefined;
  write: ComplaintWrite | null;
  outcome: IngestOutcome;
  rawSha1: string;
  /** The OPD the source names, resolved in the directory (or the name it could not resolve). */
  fromSource: ReturnType<typeof sourceOpd>;
}

function outcomeOf(
  write: ComplaintWrite | null,
  existing: Complaint | undefined,
  draft: ComplaintDraft,
): IngestOutcome {
  if (write) return existing ? 'updated' : 'created';
  return existing && Date.parse(draft.updatedAt) < Date.parse(existing.updatedAt) ? 'stale' : 'unchanged';
}

/**
 * The ingest stage for one page of a source: raw records → normalized canonical complaints
 * in the ledger. Reads the page's raw records and complaints in one call each, decides every
 * record in Node, and writes the page in one Lua call (compare-and-set per record; a record
 * whose complaint changed meanwhile is decided again on its own). Idempotent: a retried page
 * finds its records written (their raw copies dropped) and only plans their pushes again.
 */
export async function ingestPage(
  deps: IngestDeps,
  source: string,
  externalIds: readonly string[],
): Promise<IngestResult[]> {
  const { store } = deps;
  const startedAt = deps.clock.now().getTime();
  const unique = [...new Set(externalIds)];
  const ids = unique.map((x) => complaintId(source, x));
  const [held, existing, salt] = await Promise.all([
    store.raw.getMany(source, unique),
    store.ledger.getMany(ids),
    store.reporterSalt(),
  ]);
  const results: IngestResult[] = [];
  const settled: Complaint[] = [];
  const decided: Decided[] = [];
  const items: PageItem[] = [];
  const valid: {
    externalId: string;
    id: string;
    draft: ComplaintDraft;
    rawSha1: string;
    own: Complaint | undefined;
  }[] = [];
  for (const [i, externalId] of unique.entries()) {
    const raw = held[i];
    const id = ids[i]!;
    if (!raw) {
      // Ingested already (the write dropped its raw copy) or never stored: a retried page still plans the push.
      const doc = existing[i];
      results.push(doc ? { externalId, outcome: 'unchanged', complaintId: id } : { externalId, outcome: 'missing' });
      if (doc) settled.push(doc);
      continue;
    }
    const parsed = complaintDraftSchema.safeParse(raw.record.draft);
    if (!parsed.success) {
      const reason = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
      await store.quarantine.put({ source, externalId, stage: 'normalize', reason, raw: raw.record.raw });
      // The quarantine keeps the raw record now; one copy is enough.
      items.push({ source, externalId, rawSha1: raw.sha1 });
      results.push({ externalId, outcome: 'quarantined' });
      continue;
    }
    valid.push({ externalId, id, draft: parsed.data, rawSha1: raw.sha1, own: existing[i] });
  }
  const casesOf = await linkedCasesOfPage(
    caseDeps(deps),
    source,
    valid.map((v) => ({ id: v.id, draft: v.draft, held: { own: v.own } })),
  );
  for (const [i, { externalId, id, draft, rawSha1, own }] of valid.entries()) {
    const caseId = casesOf[i]![0] ?? id;
    const fromSource = sourceOpd(deps.opd, source, draft);
    const write = buildComplaint(
      {
        id,
        caseId,
        source,
        draft,
        salt,
        now: deps.clock.now(),
        sourceOpd: fromSource.opd,
        forwardTo: deps.forwardsOf?.(source, draft),
      },
      own,
    );
    decided.push({
      externalId,
      id,
      draft,
      caseId,
      existing: own,
      write,
      outcome: outcomeOf(write, own, draft),
      rawSha1,
      fromSource,
    });
  }
  for (const d of decided)
    items.push({
      source,
      externalId: d.externalId,
      rawSha1: d.rawSha1,
      ...(d.draft.reporter ? { reporter: pack(d.draft.reporter) } : {}),
      ...(d.write ? { write: d.write, expectedVersion: d.existing?.version ?? 0 } : {}),
    });
  const applied = await store.ledger.writePage(items);
  const appliedOf = new Map(items.map((item, i) => [item.externalId, applied[i]!]));
  for (const d of decided) if (!appliedOf.get(d.externalId)) await decideAgain(deps, source, d, salt);
  // Looked at again after the page's write: of two records that link each other and are ingested
  // at the same moment, at least one sees the other here, so their cases always become one.
  const linkedAfter = await linkedCasesOfPage(
    caseDeps(deps),
    source,
    decided.map((d) => ({ id: d.id, draft: d.draft })),
  );
  const triage: TriageBatch = { set: new Map(), settled: new Set() };
  const merged = new Set<string>();
  for (const [i, d] of decided.entries()) {
    // Cases to join are read again right before they are joined: the page's read may be older
    // than a merge made meanwhile (for an earlier record, or by another worker).
    const linked = linkedAfter[i]!.length > 1 ? await linkedCases(caseDeps(deps), d.id, source, d.draft) : [];
    results.push(await afterPageWrite(deps, source, d, linked, { settled, triage, merged }));
  }
  await store.triage.setMany([...triage.set]);
  await store.triage.deleteMany([...triage.settled]);
  await deps.routePage?.(decided.flatMap((d) => (d.write ? [d.write.complaint] : [])));
  // Before the push is planned: a resend joined to its case is not forwarded again.
  const placed = (await deps.dedup?.placePage(settled)) ?? [];
  // A merge of this page (by identity or by dedup) may have moved complaints of the page held
  // as written: those of the cases merged are read again, and the push is planned on what the ledger holds now.
  const moved = new Set([...merged, ...placed.flatMap((o) => o.joined ?? [])]);
  const current = await currentOf(store, settled, moved);
  // A link joins the cases of the complaint placed and of those it linked to; no other case changes.
  const joined = new Set(placed.flatMap((o, i) => (o.linked.length > 0 ? [settled[i]!.id, ...o.linked] : [])));
  const created = new Set(
    decided
      .filter((d) => d.outcome === 'created' && d.caseId === d.id && !merged.has(d.id) && !joined.has(d.id))
      .map((d) => d.id),
  );
  await deps.afterPage?.(current, created);
  // Only now: a job lost before this line leaves its records for a later poll to ingest again (src/pipeline/resettle.ts).
  await store.settling.done(source, unique, startedAt);
  deps.logger.debug({ source, records: unique.length }, 'page ingested');
  return results;
}

/** The page's complaints as the ledger holds them, read again where their case is one of `moved`. */
async function currentOf(store: Store, settled: Complaint[], moved: ReadonlySet<string>): Promise<Complaint[]> {
  const stale = settled.flatMap((c, i) => (moved.has(c.caseId) ? [i] : []));
  if (stale.length === 0) return settled;
  const read = await store.ledger.getMany(stale.map((i) => settled[i]!.id));
  const current = [...settled];
  stale.forEach((i, k) => (current[i] = read[k] ?? settled[i]!));
  return current;
}

/** Lost the page's compare-and-set (another worker wrote the complaint meanwhile): the per-record transaction decides again. */
async function decideAgain(deps: IngestDeps, source: string, d: Decided, salt: string): Promise<void> {
  const write = await deps.store.ledger.transact(d.id, (existing) => {
    d.existing = existing;
    const next = buildComplaint(
      {
        id: d.id,
        caseId: d.caseId,
        source,
        draft: d.draft,
        salt,
        now: deps.clock.now(),
        sourceOpd: d.fromSource.opd,
        forwardTo: deps.forwardsOf?.(source, d.draft),
      },
      existing,
    );
    d.outcome = outcomeOf(next, existing, d.draft);
    return next;
  });
  d.write = write;
  await deps.store.ledger.writePage([
    {
      source,
      externalId: d.externalId,
      rawSha1: d.rawSha1,
      ...(d.draft.reporter ? { reporter: pack(d.draft.reporter) } : {}),
    },
  ]);
}

async function afterPageWrite(
  deps: IngestDeps,
  source: string,
  d: Decided,
  linked: string[],
  page: {
    /** The page's complaints as held after their writes, for the push planning. */
    settled: Complaint[];
    triage: TriageBatch;
    /** Cases merged by the page's records, on either side. */
    merged: Set<string>;
  },
): Promise<IngestResult> {
  const { store } = deps;
  if (d.outcome === 'stale') {
    await store.audit({
      who: `ingest:${source}`,
      what: 'stale_ignored',
      why: `version of ${d.draft.updatedAt} is older than the one held`,
      complaintId: d.id,
    });
  }
  // Joined until the record's cases are one: a worker joining the same cases at the same
  // moment may have merged away the case this one joined into; the next look sees that.
  for (let round = 0; linked.length > 1 && round < MAX_MERGE_ROUNDS; round++) {
    await mergeCases(caseDeps(deps), linked[0]!, linked.slice(1));
    for (const caseId of linked) page.merged.add(caseId);
    linked = await linkedCases(caseDeps(deps), d.id, source, d.draft);
  }
  if (d.write) fileForTriage(deps, d.write.complaint, d.draft, d.fromSource.unknown, page.triage);
  // Unchanged too: a retried job whose first run crashed after the write still plans the push.
  const held = d.write?.complaint ?? (d.outcome === 'unchanged' ? d.existing : undefined);
  if (held) page.settled.push(held);
  deps.logger.debug({ complaintId: d.id, outcome: d.outcome }, 'ingested');
  return { externalId: d.externalId, outcome: d.outcome, complaintId: d.id };
}

/** One record on its own: a page of one. */
export async function ingestRecord(
  deps: IngestDeps,
  source: string,
  externalId: string,
): Promise<{ outcome: IngestOutcome; complaintId?: string }> {
  const [result] = await ingestPage(deps, source, [externalId]);
  return result
    ? { outcome: result.outcome, ...(result.complaintId ? { complaintId: result.complaintId } : {}) }
    : { outcome: 'missing' };
}
