import { bucketsOf, type Bucket } from './buckets.js';
import type { DedupDoc } from './doc.js';
import { rank } from './stage.js';
import { shingleCache, type Match } from './score.js';
import type { DedupSettings } from './settings.js';

/** The index's bucket rule (capped, newest first) in memory, for runs that must not touch the ledger. */
export class MemoryIndex {
  private readonly buckets = new Map<string, string[]>();
  private readonly docs = new Map<string, DedupDoc>();

  constructor(private readonly options: { maxCandidates: number } = { maxCandidates: 32 }) {}

  addAndQuery(doc: DedupDoc, buckets: readonly Bucket[]): DedupDoc[] {
    const fresh = !this.docs.has(doc.id);
    this.docs.set(doc.id, doc);
    const found: DedupDoc[] = [];
    const seen = new Set<string>([doc.id]);
    for (const { key: bucket, cap } of buckets) {
      const entries = this.buckets.get(bucket) ?? [];
      for (let i = entries.length - 1; i >= 0 && found.length < this.options.maxCandidates; i--) {
        const id = entries[i]!;
        if (seen.has(id)) continue;
        seen.add(id);
        found.push(this.docs.get(id)!);
      }
      if (fresh) {
        entries.push(doc.id);
        if (entries.length > cap) entries.shift();
        this.buckets.set(bucket, entries);
      }
    }
    return found;
  }
}

export interface OfflineLink {
  a: string;
  b: string;
  match: Match;
}

/**
 * The dedup engine over a batch of documents, in the order given (oldest first, as they
 * would have arrived): the same buckets, candidates and scores as the ingest stage, without
 * Redis. Cases are the groups joined by "link" decisions.
 */
export function dedupOffline(
  docs: readonly DedupDoc[],
  settings: DedupSettings,
): { links: OfflineLink[]; cases: string[][] } {
  const index = new MemoryIndex();
  const cache = shingleCache();
  const links: OfflineLink[] = [];
  const parent = new Map<string, string>();
  /** Reporters of each case, by its root: as the ingest stage, a link never joins two reporters. */
  const reporters = new Map<string, Set<string>>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  for (const doc of docs) {
    parent.set(doc.id, doc.id);
    reporters.set(doc.id, new Set(doc.r ? [doc.r] : []));
    if (doc.t.length === 0) continue;
    let linked = false;
    for (const { doc: other, match } of rank(doc, index.addAndQuery(doc, bucketsOf(doc)), settings, cache)) {
      // As the ingest stage: joined to the best case of the same (or no) reporter only, the other alike ones are proposed.
      const isLink = match.kind === 'duplicate' && match.action === 'link';
      const together = find(other.id) === find(doc.id);
      const oneReporter = new Set([...reporters.get(find(other.id))!, ...reporters.get(find(doc.id))!]).size <= 1;
      const best = isLink && !linked && !together && oneReporter;
      links.push({
        a: other.id,
        b: doc.id,
        match: !isLink || best || together ? match : { ...match, action: 'propose' },
      });
      if (best) {
        linked = true;
        const [ra, rb] = [find(other.id), find(doc.id)].sort();
        parent.set(rb!, ra!);
        reporters.set(ra!, new Set([...reporters.get(ra!)!, ...reporters.get(rb!)!]));
      }
    }
  }
  const groups = new Map<string, string[]>();
  for (const doc of docs) {
    const root = find(doc.id);
    groups.set(root, [...(groups.get(root) ?? []), doc.id]);
  }
  return { links, cases: [...groups.values()] };
}
