import type { CaseRefusalDetail } from '../i18n/api-messages.js';
import { messages } from '../i18n/messages.js';
import type { Complaint } from '../domain/complaint.js';
import type { ComplaintDraft } from '../domain/draft.js';
import type { AuditEntry } from '../store/audit.js';
import type { Ledger } from '../store/ledger.js';

/** What case operations need: the ledger's case methods, the audit, and the push side's hooks. */
export interface CaseDeps {
  ledger: Pick<
    Ledger,
    | 'get'
    | 'getMany'
    | 'idOf'
    | 'idsOf'
    | 'referencing'
    | 'referencingMany'
    | 'caseMembers'
    | 'membersOfAny'
    | 'transact'
    | 'dropCase'
    | 'leaveCase'
    | 'caseChanges'
  >;
  audit(entry: AuditEntry): Promise<void>;
  /** Source names that hold records of a cross-reference system (e.g. "lapor" → the lapor-kind sources). */
  sourcesOfSystem(system: string): string[];
  /** Two cases turned out to be one (answers move along). */
  onCaseMerged?(from: string, into: string): Promise<void>;
  /** Complaints left a case (their answers go back with them). */
  onCaseSplit?(from: string, into: string, moved: readonly string[]): Promise<void>;
}

/**
 * The exact rule of dedup: cases this record belongs with by identity, i.e. its own (same
 * source + external id is an update), those of the complaints it cross-references, and of
 * the complaints that cross-reference it. More than one means the record links cases that
 * were apart until now (a WhatsApp and a super-app complaint that both name the LAPOR
 * report arriving before it): they become one. `held` is the record's own complaint when the
 * caller has just read it. A record that names no complaint and that none names links
 * nothing: its own complaint is not read for it, and without `held` it gets no case ([]).
 */
export async function linkedCases(
  deps: CaseDeps,
  id: string,
  source: string,
  draft: ComplaintDraft,
  held?: { own: Complaint | undefined },
): Promise<string[]> {
  return (await linkedCasesOfPage(deps, source, [{ id, draft, ...(held ? { held } : {}) }]))[0]!;
}

/** `linkedCases` for the records of one page of a source, with one read per kind of look-up for the whole page. */
export async function linkedCasesOfPage(
  deps: CaseDeps,
  source: string,
  records: readonly { id: string; draft: ComplaintDraft; held?: { own: Complaint | undefined } }[],
): Promise<string[][]> {
  const { ledger } = deps;
  // The complaints each record names, by the source that would hold them.
  const named = new Map<string, string[]>();
  for (const r of records)
    for (const ref of r.draft.crossRefs)
      for (const candidate of deps.sourcesOfSystem(ref.system))
        named.set(candidate, [...(named.get(candidate) ?? []), ref.externalId]);
  const targetOf = new Map<string, string | undefined>();
  for (const [candidate, externalIds] of named) {
    const ids = await ledger.idsOf(candidate, externalIds);
    externalIds.forEach((x, i) => targetOf.set(`${candidate}\n${x}`, ids[i]));
  }
  // The complaints that name each record, by the system they name it in.
  const systems = [...new Set([source, ...deps.sourcesOfSystem(source)])];
  const referrers = await Promise.all(
    systems.map((system) =>
      ledger.referencingMany(
        system,
        records.map((r) => r.draft.externalId),
      ),
    ),
  );
  const related = records.map((r, i) => [
    ...r.draft.crossRefs.flatMap((ref) =>
      deps.sourcesOfSystem(ref.system).flatMap((c) => targetOf.get(`${c}\n${ref.externalId}`) ?? []),
    ),
    ...referrers.flatMap((bySystem) => bySystem[i]!.filter((referrer) => referrer !== r.id)),
  ]);
  // The complaints related and, where the caller did not hold it, the record's own when something is related: one read.
  const unread = records.flatMap((r, i) => (!r.held && related[i]!.length > 0 ? [r.id] : []));
  const wanted = [...new Set([...unread, ...related.flat()])];
  const found = new Map((await ledger.getMany(wanted)).map((c, i) => [wanted[i]!, c]));
  return records.map((r, i) => {
    const cases = new Set<string>();
    const held = r.held ? r.held.own : found.get(r.id);
    if (held) cases.add(held.caseId);
    for (const id of related[i]!) {
      const c = found.get(id);
      if (c) cases.add(c.caseId);
    }
    return [...cases].sort();
  });
}

/** Rounds of reading a case's members while it is emptied into another. */
const MAX_EMPTYING_ROUNDS = 5;

async function moveMember(
  deps: CaseDeps,
  member: string,
  from: string,
  into: string,
  audit: Omit<AuditEntry, 'complaintId'>,
): Promise<void> {
  await deps.ledger.transact(member, (existing) =>
    existing && existing.caseId === from && from !== into
      ? { complaint: { ...existing, caseId: into, version: existing.version + 1 }, audit }
      : null,
  );
}

/** A split's complaints out of their case, each leaving its set. */
async function moveMembers(
  deps: CaseDeps,
  members: readonly string[],
  from: string,
  into: string,
  audit: Omit<AuditEntry, 'complaintId'>,
): Promise<void> {
  for (const member of members) {
    await moveMember(deps, member, from, into, audit);
    await deps.ledger.leaveCase(from, member);
  }
}

/**
 * Moves every complaint (and answer) of `others` into `into`, audited; callers pass the
 * first-sorted case id as `into` so replicas agree. Each merge is noted before its first
 * move and cleared after its answers moved along: one cut short between the two (its
 * members in `into`, its answers still under the old case, so a retry sees one case and
 * merges nothing) is finished by `finishCaseChanges`.
 */
export async function mergeCases(
  deps: CaseDeps,
  into: string,
  others: readonly string[],
  who = 'ingest',
  why?: string,
  /** A merge finished after a crash: the case it was begun into (the catalogue says so). */
  resumed?: { planned: string },
): Promise<void> {
  for (const other of others) {
    if (other === into) continue;
    const change = { kind: 'merge', from: other, into } as const;
    await deps.ledger.caseChanges.begin(change);
    // Members that join the case while it is being emptied (another worker joining its record
    // into it) are read on the next round and moved too; the set keeps whoever joins later, for
    // that worker's next look to move.
    const moved = new Set<string>();
    for (let round = 0; round < MAX_EMPTYING_ROUNDS; round++) {
      const members = (await deps.ledger.caseMembers(other)).filter((m) => !moved.has(m));
      if (members.length === 0) break;
      for (const member of members) {
        await moveMember(deps, member, other, into, {
          who,
          what: 'case_merged',
          why: why ?? `case ${other} is the same complaint as case ${into}`,
          // Without a reason of its own the merge is by identity: the catalogue says so in the reader's language.
          detail: {
            from: other,
            into,
            ...(resumed ? { by: 'resumed', planned: resumed.planned } : why === undefined ? { by: 'identity' } : {}),
          },
        });
        moved.add(member);
      }
    }
    await deps.ledger.dropCase(other, [...moved]);
    await deps.onCaseMerged?.(other, into);
    await deps.ledger.caseChanges.end(change);
  }
}

/**
 * Finishes the merges and splits begun before `beganBefore` and never ended (a process
 * killed in the middle, an error after the complaints moved). A merge is made again, into
 * the case its target is in now: whatever member is left moves, then the answers, queued
 * for every record of the case. A split moves its complaints again where they are not yet,
 * then their answers. Idempotent, like the changes themselves. Returns how many it finished.
 */
export async function finishCaseChanges(deps: CaseDeps, beganBefore: Date): Promise<number> {
  const pending = await deps.ledger.caseChanges.pending(beganBefore);
  for (const change of pending) {
    if (change.kind === 'split') {
      await moveMembers(deps, change.moved, change.from, change.into, {
        who: 'ingest',
        what: 'case_split',
        why: `finishing the split of case ${change.from}, cut short`,
        detail: { from: change.from, into: change.into, by: 'resumed' },
      });
      await deps.onCaseSplit?.(change.from, change.into, change.moved);
      await deps.ledger.caseChanges.end(change);
      continue;
    }
    const { from, into } = change;
    // The case merged into may have been merged on since (emptied): its first complaint says where to.
    const emptied = (await deps.ledger.caseMembers(into)).length === 0;
    const now = (emptied ? (await deps.ledger.get(into))?.caseId : undefined) ?? into;
    if (now === from) await deps.ledger.caseChanges.end(change);
    else
      await mergeCases(deps, now, [from], 'ingest', `finishing the merge of case ${from} into ${into}, cut short`, {
        planned: into,
      });
  }
  return pending.length;
}

/**
 * Takes complaints out of their case into a case of their own (the undoing of a merge).
 * The moved group's case id is its first-sorted complaint id; when that is the case's own
 * id, the others move instead, so no two cases ever share an id. Their answers go back
 * with them.
 */
export async function splitCase(
  deps: CaseDeps,
  caseId: string,
  ids: readonly string[],
  who: string,
  why: string,
): Promise<{ from: string; into: string; moved: string[] }> {
  const members = (await deps.ledger.caseMembers(caseId)).sort();
  const chosen = [...new Set(ids)].sort();
  const stranger = chosen.find((id) => !members.includes(id));
  if (stranger) throw new CaseError('NOT_IN_CASE', { id: stranger, caseId });
  const rest = members.filter((id) => !chosen.includes(id));
  if (chosen.length === 0 || rest.length === 0)
    throw new CaseError('NOTHING_TO_SPLIT', { caseId, members: members.length });
  const moved = chosen.includes(caseId) ? rest : chosen;
  const into = moved[0]!;
  const change = { kind: 'split', from: caseId, into, moved } as const;
  await deps.ledger.caseChanges.begin(change);
  await moveMembers(deps, moved, caseId, into, { who, what: 'case_split', why, detail: { from: caseId, into } });
  await deps.onCaseSplit?.(caseId, into, moved);
  await deps.ledger.caseChanges.end(change);
  return { from: caseId, into, moved };
}

export type CaseErrorCode = 'NOT_FOUND' | 'NOT_IN_CASE' | 'NOTHING_TO_SPLIT' | 'ALREADY_DECIDED';

/**
 * An operator's case command that cannot be done, with a code the CLI and API map to their
 * answers and what it names; people read it from the catalogue (`api.caseRefusal`).
 */
export class CaseError extends Error {
  constructor(
    readonly code: CaseErrorCode,
    readonly detail: CaseRefusalDetail,
  ) {
    super(messages('en').api.caseRefusal(code, detail));
    this.name = 'CaseError';
  }
}

/**
 * A complaint forwarded to another system and that system's copy are one case. Ingest joins
 * them when the copy arrives after the cross-reference; this joins a copy that arrived first
 * (the forward crashed between the create and the cross-reference write, and is retried).
 */
export async function joinForwardedCopy(
  deps: CaseDeps,
  system: string,
  remoteId: string,
  complaintId: string,
): Promise<void> {
  const original = await deps.ledger.get(complaintId);
  if (!original) return;
  const cases = new Set([original.caseId]);
  for (const source of deps.sourcesOfSystem(system)) {
    const copyId = await deps.ledger.idOf(source, remoteId);
    const copy = copyId ? await deps.ledger.get(copyId) : undefined;
    if (copy) cases.add(copy.caseId);
  }
  if (cases.size < 2) return;
  const [into, ...others] = [...cases].sort();
  await mergeCases(deps, into!, others, 'push', `forwarded to ${system} as ${remoteId}`);
}
