import type { Logger } from 'pino';
import type { Complaint } from '../domain/complaint.js';
import type { Clock } from '../domain/clock.js';
import { pairId, type CaseLinks, type Proposal } from '../store/case-links.js';
import type { DedupIndex } from '../store/dedup-index.js';
import { bucketsOf } from './buckets.js';
import { mergeCases, type CaseDeps } from './cases.js';
import { dedupDocOf, type DedupDoc } from './doc.js';
import { compare, shingleCache, type Match } from './score.js';
import { memoByText } from '../text/memo.js';
import type { DedupSettings } from './settings.js';

/** The ports of the dedup stage: the index, the proposal store, case operations. */
export interface DedupDeps extends CaseDeps {
  index: Pick<DedupIndex, 'addAndQueryMany' | 'markPlaced'>;
  links: Pick<CaseLinks, 'apartOfEach' | 'recordPage'>;
  settings: DedupSettings;
  clock: Clock;
  logger: Logger;
}

const MOST = { link: 3, propose: 3, related: 5 } as const;
const RELATED_WHY = 'laporan lain tentang masalah yang sama';
const PROPOSED_WHY = 'dedup: mungkin satu kasus, menunggu keputusan operator';

export interface DedupOutcome {
  linked: string[];
  proposed: string[];
  related: string[];
  /** The two cases a link made one (the case kept first): only their complaints moved. */
  joined?: [into: string, from: string];
}

/**
 * Candidate documents as the index returns them. Written by dedupDoc and read back dozens
 * of times per complaint, so the check is the few fields scoring needs, not the zod schema
 * (which the tests hold the writer to).
 */
export function parseDocs(raw: readonly string[], parsed?: ParsedDocs): DedupDoc[] {
  const docs: DedupDoc[] = [];
  for (const text of raw) {
    const d = (parsed ?? parseDoc)(text);
    if (d) docs.push(d);
  }
  return docs;
}

function parseDoc(text: string): DedupDoc | undefined {
  const d = safeJson(text) as Partial<DedupDoc> | undefined;
  return d && typeof d.id === 'string' && typeof d.t === 'string' && typeof d.at === 'number' && typeof d.s === 'string'
    ? (d as DedupDoc)
    : undefined;
}

/**
 * Documents parsed once by their text: the same popular candidates come back for record after
 * record, and a document is never changed in place (a new version is a new text). Read-only.
 */
export type ParsedDocs = (text: string) => DedupDoc | undefined;
export const parsedDocs = (): ParsedDocs => memoByText(10_000, parseDoc);

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Every candidate scored, best first, leaving out what needs nothing. */
export function rank(
  doc: DedupDoc,
  candidates: readonly DedupDoc[],
  settings: DedupSettings,
  cache = shingleCache(),
): { doc: DedupDoc; match: Match }[] {
  return candidates
    .filter((c) => c.id !== doc.id)
    .map((c) => ({ doc: c, match: compare(doc, c, settings, cache) }))
    .filter((m) => m.match.action !== 'none')
    .sort((a, b) => b.match.score - a.match.score || a.doc.id.localeCompare(b.doc.id));
}

/** What a page's decisions write besides case merges, gathered in the page's order and written in one call. */
interface PageRecord {
  proposals: Proposal[];
  proposalWhy: string[];
  related: (readonly [string, string])[];
  relatedOf: { complaintId: string; related: string[] }[];
}

/**
 * The ledger documents a page's decisions read: read once for the whole page; those a merge of
 * this page moved are read again when next needed, so each decision sees what it would have
 * seen deciding one complaint after the other.
 */
class PageDocuments {
  private readonly held = new Map<string, Complaint | undefined>();

  constructor(private readonly ledger: CaseDeps['ledger']) {}

  async read(ids: readonly string[]): Promise<Map<string, Complaint | undefined>> {
    const missing = [...new Set(ids.filter((id) => !this.held.has(id)))];
    if (missing.length > 0) (await this.ledger.getMany(missing)).forEach((c, i) => this.held.set(missing[i]!, c));
    return new Map(ids.map((id) => [id, this.held.get(id)]));
  }

  /** The complaints of these cases may have moved. */
  forget(caseIds: readonly string[]): void {
    for (const [id, c] of this.held) if (c && caseIds.includes(c.caseId)) this.held.delete(id);
  }
}

/**
 * The near-duplicate stage of ingest: files a page's complaints in the index and meets their
 * candidates in the same call (one Redis round trip when nothing matches), then links
 * duplicates above `autoLink` into one case, proposes those between the thresholds to an
 * operator, and marks related reports. Idempotent: a retried ingest finds the case
 * already merged and the proposal already there. Pairs an operator kept apart stay apart.
 */
export class DedupStage {
  private readonly cache = shingleCache();
  private readonly parsed = parsedDocs();

  constructor(private readonly deps: DedupDeps) {}

  async place(complaint: Complaint): Promise<DedupOutcome> {
    return (await this.placePage([complaint]))[0]!;
  }

  /**
   * A page of complaints: filed in the index and met with their candidates in one call (in
   * the page's order, as if one by one); the pairs kept apart asked in one call and the
   * candidates' documents read in one; then decided one after the other (a link merges cases
   * at once, the next decisions see it); the proposals, related links and their audit entries
   * written in one call, and those decided on marked placed in one more.
   */
  async placePage(complaints: readonly Complaint[]): Promise<DedupOutcome[]> {
    const outcomes = complaints.map((): DedupOutcome => ({ linked: [], proposed: [], related: [] }));
    const docs = complaints.map(dedupDocOf);
    const filed = docs.flatMap((doc, i) => (doc.t.length > 0 ? [{ doc, outcome: outcomes[i]! }] : []));
    const found = await this.deps.index.addAndQueryMany(
      filed.map(({ doc }) => ({ id: doc.id, doc: JSON.stringify(doc), buckets: bucketsOf(doc) })),
    );
    // None found: the index marked it placed already.
    const met = filed.flatMap((f, i) =>
      found[i]!.length > 0
        ? [{ ...f, ranked: rank(f.doc, parseDocs(found[i]!, this.parsed), this.deps.settings, this.cache) }]
        : [],
    );
    const apart = await this.deps.links.apartOfEach(
      met.map((m) => ({ id: m.doc.id, others: m.ranked.map((r) => r.doc.id) })),
    );
    const chosen = met.map((m, i) => ({ ...m, wanted: this.bestOf(m.ranked, apart[i]!) }));
    const current = new PageDocuments(this.deps.ledger);
    await current.read(
      chosen.flatMap((c) => (c.wanted.length > 0 ? [c.doc.id, ...c.wanted.map((w) => w.doc.id)] : [])),
    );
    const now = this.deps.clock.now();
    const record: PageRecord = { proposals: [], proposalWhy: [], related: [], relatedOf: [] };
    for (const { doc, wanted, outcome } of chosen)
      if (wanted.length > 0) await this.decide(doc, wanted, outcome, { current, record, at: now.toISOString() });
    await this.write(record, now);
    await this.deps.index.markPlaced(met.map((m) => m.doc.id));
    return outcomes;
  }

  /** The best few of each kind, those kept apart left out: a complaint like many others must not flood operators or the audit. */
  private bestOf(ranked: ReturnType<typeof rank>, apart: ReadonlySet<string>): ReturnType<typeof rank> {
    const kept = { link: 0, propose: 0, related: 0 };
    return ranked.filter((r) => {
      if (apart.has(r.doc.id)) return false;
      const kind = r.match.kind === 'related' ? 'related' : r.match.action === 'link' ? 'link' : 'propose';
      kept[kind] += 1;
      return kept[kind] <= MOST[kind];
    });
  }

  private async decide(
    doc: DedupDoc,
    wanted: ReturnType<typeof rank>,
    outcome: DedupOutcome,
    page: { current: PageDocuments; record: PageRecord; at: string },
  ): Promise<void> {
    const current = await page.current.read([doc.id, ...wanted.map((r) => r.doc.id)]);
    const own = current.get(doc.id);
    if (!own) return;
    // Linked into the best case only: joining every alike case would undo an operator's split
    // (two complaints kept apart, both alike to a third). The others are proposed.
    let link: { caseId: string; why: string } | undefined;
    for (const { doc: other, match } of wanted) {
      const found = current.get(other.id);
      if (!found || found.caseId === own.caseId || found.caseId === link?.caseId) continue;
      const why = `dedup: skor ${match.score.toFixed(2)} (${match.signals.join(', ')})`;
      const linkable =
        match.kind === 'duplicate' && match.action === 'link' && !link && (await this.oneReporter([own, found]));
      if (linkable) {
        link = { caseId: found.caseId, why };
        outcome.linked.push(other.id);
      } else if (match.kind === 'duplicate') {
        page.record.proposals.push({
          id: pairId(doc.id, other.id),
          a: other.id,
          b: doc.id,
          kind: 'duplicate',
          score: match.score,
          signals: match.signals,
          at: page.at,
          state: 'open',
        });
        page.record.proposalWhy.push(why);
        outcome.proposed.push(other.id);
      } else {
        page.record.related.push([doc.id, other.id]);
        outcome.related.push(other.id);
      }
    }
    if (link) {
      const [into, from] = [own.caseId, link.caseId].sort() as [string, string];
      await mergeCases(this.deps, into, [from], 'dedup', link.why);
      outcome.joined = [into, from];
      page.current.forget([into, from]);
    }
    if (outcome.related.length > 0) page.record.relatedOf.push({ complaintId: doc.id, related: outcome.related });
    this.deps.logger.debug(
      {
        complaintId: doc.id,
        linked: outcome.linked.length,
        proposed: outcome.proposed.length,
        related: outcome.related.length,
      },
      'dedup placed',
    );
  }

  /** The page's proposals (those not made before audited), related links and their audit entries, in one call. */
  private async write(record: PageRecord, at: Date): Promise<void> {
    const proposed = record.proposals.map((p, i) => ({
      complaintId: p.b,
      why: record.proposalWhy[i]!,
      detail: { proposal: p.id, with: p.a },
    }));
    const related = record.relatedOf.map(({ complaintId, related }) => ({
      complaintId,
      why: RELATED_WHY,
      detail: { related },
    }));
    await this.deps.links.recordPage(
      {
        proposals: record.proposals,
        related: record.related,
        audit: {
          proposed: {
            who: 'dedup',
            what: 'case_proposed',
            why: PROPOSED_WHY,
            entries: proposed,
          },
          related: { who: 'dedup', what: 'related_linked', why: RELATED_WHY, entries: related },
        },
      },
      at,
    );
  }

  /**
   * A case is one citizen's complaint: two cases whose records name different reporters are
   * never joined without an operator (a chain of alike texts without a reporter would
   * otherwise pull strangers' complaints into one case). Read only when about to link.
   */
  private async oneReporter(complaints: readonly Complaint[]): Promise<boolean> {
    const members = await this.deps.ledger.membersOfAny([...new Set(complaints.map((c) => c.caseId))], complaints);
    // The complaints asked about are in hand (the page's read); only their cases' others are read.
    const inHand = new Set(complaints.map((c) => c.id));
    const docs = [...complaints, ...(await this.deps.ledger.getMany(members.filter((id) => !inHand.has(id))))];
    const reporters = new Set(docs.flatMap((c) => (c && !c.anonim && c.reporter?.hash ? [c.reporter.hash] : [])));
    return reporters.size <= 1;
  }
}
