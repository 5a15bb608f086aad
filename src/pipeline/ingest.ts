import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.js';
import { complaintId, type Complaint } from '../domain/complaint.js';
import { complaintDraftSchema, type ComplaintDraft } from '../domain/draft.js';
import type { Store } from '../store/store.js';
import { buildComplaint } from './build-complaint.js';
import { linkedCases, mergeCases } from './cases.js';
import { countInvalidCharacters } from '../text/invalid-characters.js';
import { sourceOpd, type OpdResolvePort } from './resolve-opd.js';

export type IngestOutcome = 'created' | 'updated' | 'unchanged' | 'stale' | 'quarantined' | 'missing';

export interface IngestDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** The OPD directory, as far as ingest needs it. */
  opd: OpdResolvePort;
  /** Source names that hold records of a cross-reference system (e.g. "lapor" → the lapor-kind sources). */
  sourcesOfSystem(system: string): string[];
  /** What other systems must now see (push planning): idempotent, run after every ingest that holds the complaint. */
  afterWrite?(complaint: Complaint): Promise<void>;
  /** Two cases turned out to be one (answers move along). */
  onCaseMerged?(from: string, into: string): Promise<void>;
}

async function fileForTriage(deps: IngestDeps, complaint: Complaint, draft: ComplaintDraft, unknownOpd: string | undefined): Promise<void> {
  const at = deps.clock.now().toISOString();
  if (unknownOpd !== undefined && !complaint.opd?.code) {
    await deps.store.triage.set(`${complaint.id}:opd`, {
      kind: 'unknown_opd',
      complaintId: complaint.id,
      source: complaint.source,
      value: unknownOpd,
      reason: `OPD ${unknownOpd} dari ${complaint.source} tidak ada di direktori OPD; tambahkan sebagai alias atau id sistem di opd.directory, atau tetapkan OPD-nya`,
      at,
    });
  } else if (complaint.opd?.code) {
    await deps.store.triage.delete(`${complaint.id}:opd`);
  }
  if (!draft.status) {
    await deps.store.triage.set(`${complaint.id}:status`, {
      kind: 'unmapped_status',
      complaintId: complaint.id,
      source: complaint.source,
      value: draft.sourceStatus ?? '(none)',
      reason: `status "${draft.sourceStatus ?? ''}" of ${complaint.source} has no canonical mapping; complaint kept at "${complaint.status}"`,
      at,
    });
  }
  if (!draft.classification) {
    await deps.store.triage.set(`${complaint.id}:classification`, {
      kind: 'missing_classification',
      complaintId: complaint.id,
      source: complaint.source,
      value: '(none)',
      reason: `${complaint.source} gave no classification (pengaduan / aspirasi / permintaan informasi)`,
      at,
    });
  }
  const texts = [draft.title ?? '', draft.body, ...draft.responses.map((r) => r.text)];
  const replaced = texts.reduce((sum, t) => sum + countInvalidCharacters(t), 0);
  if (replaced > 0) {
    await deps.store.triage.set(`${complaint.id}:text`, {
      kind: 'invalid_text',
      complaintId: complaint.id,
      source: complaint.source,
      value: String(replaced),
      reason: `${replaced} character(s) of the text from ${complaint.source} are not valid Unicode and were replaced by U+FFFD`,
      at,
    });
  }
}

/** The ingest stage: raw record → normalized canonical complaint in the ledger. Idempotent. */
export async function ingestRecord(deps: IngestDeps, source: string, externalId: string): Promise<{ outcome: IngestOutcome; complaintId?: string }> {
  const { store } = deps;
  const record = await store.raw.get(source, externalId);
  if (!record) return { outcome: 'missing' };
  const parsed = complaintDraftSchema.safeParse(record.draft);
  if (!parsed.success) {
    const reason = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    await store.quarantine.put({ source, externalId, stage: 'normalize', reason, raw: record.raw });
    return { outcome: 'quarantined' };
  }
  const draft = parsed.data;
  const id = complaintId(source, externalId);
  const cases = await linkedCases(deps, id, source, draft);
  const caseId = cases[0] ?? id;
  const salt = await store.reporterSalt();
  const fromSource = sourceOpd(deps.opd, source, draft);
  let outcome = 'unchanged' as IngestOutcome;
  let previous: Complaint | undefined;
  const write = await store.ledger.transact(id, (existing) => {
    previous = existing;
    const next = buildComplaint({ id, caseId, source, draft, salt, now: deps.clock.now(), sourceOpd: fromSource.opd }, existing);
    outcome = next ? (existing ? 'updated' : 'created') : existing && Date.parse(draft.updatedAt) < Date.parse(existing.updatedAt) ? 'stale' : 'unchanged';
    return next;
  });
  if (outcome === 'stale') {
    await store.audit({ who: `ingest:${source}`, what: 'stale_ignored', why: `version of ${draft.updatedAt} is older than the one held`, complaintId: id });
  }
  // Looked at again after our own write: of two records that link each other and are ingested
  // at the same moment, at least one sees the other here, so their cases always become one.
  const linked = await linkedCases(deps, id, source, draft);
  if (linked.length > 1) await mergeCases(deps, linked[0]!, linked.slice(1));
  if (write) await fileForTriage(deps, write.complaint, draft, fromSource.unknown);
  // Unchanged too: a retried job whose first run crashed after the write still plans the push.
  const held = write?.complaint ?? (outcome === 'unchanged' ? previous : undefined);
  if (held) await deps.afterWrite?.(held);
  deps.logger.debug({ complaintId: id, outcome }, 'ingested');
  return { outcome, complaintId: id };
}
