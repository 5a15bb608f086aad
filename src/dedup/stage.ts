import type { Logger } from 'pino';
import type { Complaint } from '../domain/complaint.js';
import type { Clock } from '../domain/clock.js';
import type { CaseLinks } from '../store/case-links.js';
import { pairId } from '../store/case-links.js';
import type { DedupIndex } from '../store/dedup-index.js';
import { bucketsOf } from './buckets.js';
import { mergeCases, type CaseDeps } from './cases.js';
import { dedupDocOf, dedupDocSchema, type DedupDoc } from './doc.js';
import { compare, ShingleCache, type Match } from './score.js';
import type { DedupSettings } from './settings.js';

/** The ports of the dedup stage: the index, the proposal store, case operations. */
export interface DedupDeps extends CaseDeps {
  index: Pick<DedupIndex, 'addAndQuery'>;
  links: Pick<CaseLinks, 'propose' | 'apart' | 'relate'>;
  settings: DedupSettings;
  clock: Clock;
  logger: Logger;
}

const MOST = { link: 10, propose: 3, related: 5 } as const;

export interface DedupOutcome {
  linked: string[];
  proposed: string[];
  related: string[];
}

export function parseDocs(raw: readonly string[]): DedupDoc[] {
  const docs: DedupDoc[] = [];
  for (const text of raw) {
    const parsed = dedupDocSchema.safeParse(safeJson(text));
    if (parsed.success) docs.push(parsed.data);
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
export function rank(doc: DedupDoc, candidates: readonly DedupDoc[], settings: DedupSettings, cache = new ShingleCache()): { doc: DedupDoc; match: Match }[] {
  return candidates
    .filter((c) => c.id !== doc.id)
    .map((c) => ({ doc: c, match: compare(doc, c, settings, cache) }))
    .filter((m) => m.match.action !== 'none')
    .sort((a, b) => b.match.score - a.match.score || a.doc.id.localeCompare(b.doc.id));
}

/**
 * The near-duplicate stage of ingest: files the complaint in the index and meets its
 * candidates in the same call (one Redis round trip when nothing matches), then links
 * duplicates above `autoLink` into one case, proposes those between the thresholds to an
 * operator, and marks related reports. Idempotent: a retried ingest finds the case
 * already merged and the proposal already there. Pairs an operator kept apart stay apart.
 */
export class DedupStage {
  private readonly cache = new ShingleCache();

  constructor(private readonly deps: DedupDeps) {}

  async place(complaint: Complaint): Promise<DedupOutcome> {
    const outcome: DedupOutcome = { linked: [], proposed: [], related: [] };
    const doc = dedupDocOf(complaint);
    if (doc.t.length === 0) return outcome;
    const raw = await this.deps.index.addAndQuery({ id: doc.id, doc: JSON.stringify(doc), buckets: bucketsOf(doc) });
    const ranked = rank(doc, parseDocs(raw), this.deps.settings, this.cache);
    if (ranked.length === 0) return outcome;
    const apart = await this.deps.links.apart(doc.id, ranked.map((r) => r.doc.id));
    // The best few of each kind: a complaint like many others must not flood operators or the audit.
    const kept = { link: 0, propose: 0, related: 0 };
    const wanted = ranked.filter((r) => {
      if (apart.has(r.doc.id)) return false;
      const kind = r.match.kind === 'related' ? 'related' : r.match.action === 'link' ? 'link' : 'propose';
      kept[kind] += 1;
      return kept[kind] <= MOST[kind];
    });
    if (wanted.length === 0) return outcome;
    const current = new Map((await this.deps.ledger.getMany([doc.id, ...wanted.map((r) => r.doc.id)])).filter((c): c is Complaint => c !== undefined).map((c) => [c.id, c]));
    const own = current.get(doc.id);
    if (!own) return outcome;
    const at = this.deps.clock.now().toISOString();
    const links: { caseId: string; why: string }[] = [];
    for (const { doc: other, match } of wanted) {
      const found = current.get(other.id);
      if (!found || found.caseId === own.caseId) continue;
      const why = `dedup: skor ${match.score.toFixed(2)} (${match.signals.join(', ')})`;
      if (match.kind === 'duplicate' && match.action === 'link') {
        links.push({ caseId: found.caseId, why });
        outcome.linked.push(other.id);
      } else if (match.kind === 'duplicate') {
        const proposal = { id: pairId(doc.id, other.id), a: other.id, b: doc.id, kind: 'duplicate' as const, score: match.score, signals: match.signals, at, state: 'open' as const };
        if (await this.deps.links.propose(proposal)) {
          await this.deps.audit({ who: 'dedup', what: 'case_proposed', why, complaintId: doc.id, detail: { proposal: proposal.id, with: other.id } });
        }
        outcome.proposed.push(other.id);
      } else {
        await this.deps.links.relate(doc.id, other.id, true);
        outcome.related.push(other.id);
      }
    }
    if (links.length > 0) {
      const cases = [...new Set([own.caseId, ...links.map((l) => l.caseId)])].sort();
      await mergeCases(this.deps, cases[0]!, cases.slice(1), 'dedup', links[0]!.why);
    }
    if (outcome.related.length > 0) await this.deps.audit({ who: 'dedup', what: 'related_linked', why: 'laporan lain tentang masalah yang sama', complaintId: doc.id, detail: { related: outcome.related } });
    this.deps.logger.debug({ complaintId: doc.id, linked: outcome.linked.length, proposed: outcome.proposed.length, related: outcome.related.length }, 'dedup placed');
    return outcome;
  }
}
