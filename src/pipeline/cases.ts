import type { Complaint } from '../domain/complaint.js';
import type { ComplaintDraft } from '../domain/draft.js';
import type { IngestDeps } from './ingest.js';

/**
 * Cases this record belongs with: those of the complaints it cross-references, and of the
 * complaints that cross-reference it. More than one means the record links cases that were
 * apart until now (a WhatsApp and a super-app complaint that both name the LAPOR report
 * arriving before it): they become one. `held` is the record's own complaint when the
 * caller has just read it.
 */
export async function linkedCases(deps: IngestDeps, id: string, source: string, draft: ComplaintDraft, held?: { own: Complaint | undefined }): Promise<string[]> {
  const { ledger } = deps.store;
  const cases = new Set<string>();
  const own = held ? held.own : await ledger.get(id);
  if (own) cases.add(own.caseId);
  for (const ref of draft.crossRefs) {
    for (const candidate of deps.sourcesOfSystem(ref.system)) {
      const target = await ledger.idOf(candidate, ref.externalId);
      const found = target ? await ledger.get(target) : undefined;
      if (found) cases.add(found.caseId);
    }
  }
  for (const system of new Set([source, ...deps.sourcesOfSystem(source)])) {
    for (const referrer of await ledger.referencing(system, draft.externalId)) {
      const found = referrer !== id ? await ledger.get(referrer) : undefined;
      if (found) cases.add(found.caseId);
    }
  }
  return [...cases].sort();
}

/** Moves every complaint (and answer) of `others` into `into`, audited; the first-sorted id wins so replicas agree. */
export async function mergeCases(deps: IngestDeps, into: string, others: readonly string[]): Promise<void> {
  const { ledger } = deps.store;
  for (const other of others) {
    if (other === into) continue;
    for (const member of await ledger.caseMembers(other)) {
      await ledger.transact(member, (existing) =>
        existing && existing.caseId !== into
          ? { complaint: { ...existing, caseId: into, version: existing.version + 1 }, audit: { who: 'ingest', what: 'case_merged', why: `case ${other} is the same complaint as case ${into}`, detail: { from: other, into } } }
          : null,
      );
    }
    await deps.store.redis.del(deps.store.keys.caseMembers(other));
    await deps.onCaseMerged?.(other, into);
  }
}
