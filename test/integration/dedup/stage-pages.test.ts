import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { generateCorpus } from '../../../bench/dedup/corpus.js';
import { DedupStage, type DedupOutcome } from '../../../src/dedup/stage.js';
import { DEFAULT_DEDUP_SETTINGS } from '../../../src/dedup/settings.js';
import { contentHashOf, type Complaint } from '../../../src/domain/complaint.js';
import { createStore, type Store } from '../../../src/store/store.js';
import { putComplaint, testComplaint } from '../../support/complaints.js';
import { testRedis, type TestRedis } from '../../support/redis.js';

const opened: TestRedis[] = [];
afterEach(async () => {
  for (const r of opened.splice(0)) await r.cleanup();
});

const clock = { now: () => new Date('2026-06-01T00:00:00Z'), sleep: async () => {} };

/** The labelled corpus as ledger documents: resends, retellings, other citizens, other problems. */
function corpus(): Complaint[] {
  return generateCorpus({ seed: 11, problems: 90 }).map(({ doc, raw }) =>
    testComplaint(doc.s, doc.id, new Date(doc.at).toISOString(), {
      body: raw,
      rawBody: raw,
      contentHash: contentHashOf(raw),
      ...(doc.r ? { reporter: { hash: doc.r, display: 'W.' } } : {}),
      ...(doc.desa || doc.kec ? { location: { desa: doc.desa, kecamatan: doc.kec } } : {}),
      ...(doc.cat ? { category: { name: doc.cat } } : {}),
    }),
  );
}

async function ledgerWith(complaints: readonly Complaint[]): Promise<{ store: Store; stage: DedupStage }> {
  const redis = await testRedis('dedup-stage-pages');
  opened.push(redis);
  const store = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
  for (const c of complaints) await putComplaint(store, c);
  const stage = new DedupStage({
    ledger: store.ledger,
    audit: store.audit,
    sourcesOfSystem: () => [],
    index: store.dedupIndex,
    links: store.caseLinks,
    settings: DEFAULT_DEDUP_SETTINGS,
    clock,
    logger: pino({ level: 'silent' }),
  });
  return { store, stage };
}

/** What placing left: each complaint's case, its related complaints, the open proposals, the audit trail's dedup entries. */
async function held(store: Store, complaints: readonly Complaint[]) {
  const docs = await store.ledger.getMany(complaints.map((c) => c.id));
  const trails = await Promise.all(complaints.map((c) => store.readAudit(50, c.id)));
  return {
    cases: docs.map((d) => d?.caseId),
    related: await Promise.all(complaints.map((c) => store.caseLinks.relatedTo([c.id]))),
    proposals: (await store.caseLinks.open(0, 10_000)).map((p) => p.id).sort(),
    trails: trails.map((t) =>
      t
        .filter((e) => e.fields.who === 'dedup')
        .map((e) => [e.fields.what, e.fields.why, e.fields.detail])
        .sort(),
    ),
  };
}

describe('dedup stage, a page at a time (real Redis)', () => {
  it('decides every complaint of a page as if they were placed one after the other', async () => {
    const complaints = corpus();
    const single = await ledgerWith(complaints);
    const one: DedupOutcome[] = [];
    for (const c of complaints) one.push(await single.stage.place(c));

    const paged = await ledgerWith(complaints);
    const pages: DedupOutcome[] = [];
    // Pages of uneven sizes, as ingest hands them.
    for (let i = 0, size = 3; i < complaints.length; i += size, size = (size * 5) % 41)
      pages.push(...(await paged.stage.placePage(complaints.slice(i, i + size))));

    expect(pages).toEqual(one);
    expect(one.filter((o) => o.linked.length > 0).length).toBeGreaterThan(10);
    expect(one.filter((o) => o.proposed.length > 0).length).toBeGreaterThan(0);
    expect(one.filter((o) => o.related.length > 0).length).toBeGreaterThan(10);
    expect(await held(paged.store, complaints)).toEqual(await held(single.store, complaints));
  });
});
