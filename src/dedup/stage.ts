import type { Logger } from 'pino';
import type { Complaint } from '../domain/complaint.js';
import type { Clock } from '../domain/clock.js';
import type { CaseLinks } from '../store/case-links.js';
import { pairId } from '../store/case-links.js';
import type { DedupIndex } from '../store/dedup-index.js';
import { bucketsOf } from './buckets.js';
import { mergeCases, type CaseDeps } from './cases.js';
import { dedupDocOf, type DedupDoc } from './doc.js';
import { compare, ShingleCache, type Match } from './score.js';
import type { DedupSettings } from './settings.js';

/** The ports of the dedup stage: the index, the proposal store, case operations. */
export interface DedupDeps extends CaseDeps {
  index: Pick<DedupIndex, 'addAndQueryMany' | 'markPlaced'>;
  links: Pick<CaseLinks, 'propose' | 'apart' | 'relate'>;
  settings: DedupSettings;
  clock: Clock;
  logger: Logger;
}

const MOST = { link: 3, propose: 3, related: 5 } as const;

export interface DedupOutcome {
  linked: string[];
  proposed: string[];
  related: string[];
}

/**
 * Candidate documents as the index returns them. Written by dedupDoc and read back dozens
 * of times per complaint, so the check is the few fields scoring needs, not the zod schema
 * (which the tests hold the writer to).
 */
export function parseDocs(raw: readonly string[]): DedupDoc[] {
  const docs: DedupDoc[] = [];
  for (const text of raw) {
    const d = safeJson(text) as Partial<DedupDoc> | undefined;
    if (d && typeof d.id === 'string' && typeof d.t === 'string' && typeof d.at === 'number' && typeof d.s === 'string')
      docs.push(d as DedupDoc);
  }
  return docs;
}

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
  cache = new ShingleCache(),
): { doc: DedupDoc; match: Match }[] {
  return candidates
    .filter((c) => c.id !== doc.id)
    .map((c) => ({ doc: c, match: compare(doc, c, settings, cache) }))
    .filter((m) => m.match.action !== 'none')
    .sort((a, b) => b.match.score - a.match.score || a.doc.id.localeCompare(b.doc.id));
}

/**
 * The near-duplicate stage of ingest: files a page's complaints in the index and meets their
 * candidates in the same call (one Redis round trip when nothing matches), then links
 * duplicates above `autoLink` into one case, proposes those between the thresholds to an
 * operator, and marks related reports. Idempotent: a retried ingest finds the case
 * already merged and the proposal already there. Pairs an operator kept apart stay apart.
 */
export class DedupStage {
  private readonly cache = new ShingleCache();

  constructor(private readonly deps: DedupDeps) {}

  async place(complaint: Complaint): Promise<DedupOutcome> {
    return (await this.placePage([complaint]))[0]!;
  }

  /**
   * A page of complaints: filed in the index and met with their candidates in one call (in
   * the page's order, as if one by one), then decided one after the other; those decided on
   * are marked placed in one more call.
   */
  async placePage(complaints: readonly Complaint[]): Promise<DedupOutcome[]> {
    const outcomes = complaints.map((): DedupOutcome => ({ linked: [], proposed: [], related: [] }));
    const docs = complaints.map(dedupDocOf);
    const filed = docs.flatMap((doc, i) => (doc.t.length > 0 ? [{ doc, outcome: outcomes[i]! }] : []));
    const found = await this.deps.index.addAndQueryMany(
      filed.map(({ doc }) => ({ id: doc.id, doc: JSON.stringify(doc), buckets: bucketsOf(doc) })),
    );
    const decided: string[] = [];
    for (const [i, { doc, outcome }] of filed.entries()) {
      // None found: the index marked it placed already.
      if (found[i]!.length === 0) continue;
      await this.decide(doc, found[i]!, outcome);
      decided.push(doc.id);
    }
    await this.deps.index.markPlaced(decided);
    return outcomes;
  }

  private async decide(doc: DedupDoc, raw: readonly string[], outcome: DedupOutcome): Promise<void> {
    const ranked = rank(doc, parseDocs(raw), this.deps.settings, this.cache);
    if (ranked.length === 0) return;
    const apart = await this.deps.links.apart(
      doc.id,
      ranked.map((r) => r.doc.id),
    );
    // The best few of each kind: a complaint like many others must not flood operators or the audit.
    const kept = { link: 0, propose: 0, related: 0 };
    const wanted = ranked.filter((r) => {
      if (apart.has(r.doc.id)) return false;
      const kind = r.match.kind === 'related' ? 'related' : r.match.action === 'link' ? 'link' : 'propose';
      kept[kind] += 1;
      return kept[kind] <= MOST[kind];
    });
    if (wanted.length === 0) return;
    const current = new Map(
      (await this.deps.ledger.getMany([doc.id, ...wanted.map((r) => r.doc.id)]))
        .filter((c): c is Complaint => c !== undefined)
        .map((c) => [c.id, c]),
    );
    const own = current.get(doc.id);
    if (!own) return;
    const at = this.deps.clock.now().toISOString();
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
        const proposal = {
          id: pairId(doc.id, other.id),
          a: other.id,
          b: doc.id,
          kind: 'duplicate' as const,
          score: match.score,
          signals: match.signals,
          at,
          state: 'open' as const,
        };
        if (await this.deps.links.propose(proposal)) {
          await this.deps.audit({
            who: 'dedup',
            what: 'case_proposed',
            why,
            complaintId: doc.id,
            detail: { proposal: proposal.id, with: other.id },
          });
        }
        outcome.proposed.push(other.id);
      } else {
        await this.deps.links.relate(doc.id, other.id, true);
        outcome.related.push(other.id);
      }
    }
    if (link) {
      const [into, from] = [own.caseId, link.caseId].sort() as [string, string];
      await mergeCases(this.deps, into, [from], 'dedup', link.why);
    }
    if (outcome.related.length > 0)
      await this.deps.audit({
        who: 'dedup',
        what: 'related_linked',
        why: 'laporan lain tentang masalah yang sama',
        complaintId: doc.id,
        detail: { related: outcome.related },
      });
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

  /**
   * A case is one citizen's complaint: two cases whose records name different reporters are
   * never joined without an operator (a chain of alike texts without a reporter would
   * otherwise pull strangers' complaints into one case). Read only when about to link.
   */
  private async oneReporter(complaints: readonly Complaint[]): Promise<boolean> {
    const members = await Promise.all(complaints.map((c) => this.deps.ledger.caseMembers(c.caseId)));
    const docs = await this.deps.ledger.getMany([...new Set([...complaints.map((c) => c.id), ...members.flat()])]);
    const reporters = new Set(docs.flatMap((c) => (c && !c.anonim && c.reporter?.hash ? [c.reporter.hash] : [])));
    return reporters.size <= 1;
  }
}
