import { afterEach, describe, expect, it } from 'vitest';
import { pairId, type Proposal } from '../../../src/store/case-links.js';
import { createStore, type Store } from '../../../src/store/store.js';
import { testRedis, type TestRedis } from '../../support/redis.js';

let redis: TestRedis | undefined;
afterEach(async () => {
  await redis?.cleanup();
  redis = undefined;
});

const clock = { now: () => new Date('2026-03-10T00:00:00Z'), sleep: async () => {} };
const AT = new Date('2026-03-10T01:00:00Z');

async function setup(): Promise<Store> {
  redis = await testRedis('links-page');
  return createStore(redis.redis, redis.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
}

function proposal(a: string, b: string): Proposal {
  return {
    id: pairId(a, b),
    a,
    b,
    kind: 'duplicate',
    score: 0.8,
    signals: ['teks'],
    at: '2026-03-10T00:30:00Z',
    state: 'open',
  };
}

const entry = (complaintId: string, why: string, detail: Record<string, unknown>) => ({ complaintId, why, detail });

describe("dedup's decisions of a page in one call (real Redis)", () => {
  it('adds proposals not made before, relates both ways, and audits the page once per kind and each complaint in its trail', async () => {
    const store = await setup();
    const links = store.caseLinks;
    expect(await links.propose(proposal('c-1', 'c-9'))).toBe(true);
    const proposals = [proposal('c-1', 'c-9'), proposal('c-2', 'c-5'), proposal('c-3', 'c-5'), proposal('c-2', 'c-5')];
    const added = await links.recordPage(
      {
        proposals,
        related: [
          ['c-5', 'c-4'],
          ['c-6', 'c-4'],
          ['c-5', 'c-4'],
        ],
        audit: {
          proposed: {
            who: 'dedup',
            what: 'case_proposed',
            why: 'usulan',
            entries: proposals.map((p) => entry(p.b, `skor ${p.a}`, { proposal: p.id, with: p.a })),
          },
          related: {
            who: 'dedup',
            what: 'related_linked',
            why: 'terkait',
            entries: [entry('c-5', 'terkait', { related: ['c-4'] }), entry('c-6', 'terkait', { related: ['c-4'] })],
          },
        },
      },
      AT,
    );
    expect(added).toEqual([false, true, true, false]);
    expect((await links.open()).map((p) => p.id).sort()).toEqual(['c-1~c-9', 'c-2~c-5', 'c-3~c-5']);
    expect(await links.get('c-2~c-5')).toEqual(proposal('c-2', 'c-5'));
    expect(await links.relatedTo(['c-4'])).toEqual(['c-5', 'c-6']);
    expect(await links.relatedTo(['c-5'])).toEqual(['c-4']);
    expect(await links.relatedTo(['c-5', 'c-4'])).toEqual(['c-6']);

    const stream = await store.readAudit(10);
    expect(stream.map((e) => e.fields.what)).toEqual(['related_linked', 'case_proposed']);
    const listed = JSON.parse(stream[1]!.fields.detail!) as { entries: { complaint: string; detail: unknown }[] };
    expect(stream[1]!.fields).toMatchObject({ at: AT.toISOString(), who: 'dedup', why: 'usulan' });
    expect(listed.entries).toEqual([
      { complaint: 'c-5', why: 'skor c-2', detail: { proposal: 'c-2~c-5', with: 'c-2' } },
      { complaint: 'c-5', why: 'skor c-3', detail: { proposal: 'c-3~c-5', with: 'c-3' } },
    ]);
    // Each complaint's own entries, as one by one, pointing at the page's entry.
    const trail = await store.readAudit(10, 'c-5');
    expect(trail.map((e) => [e.fields.what, e.fields.why])).toEqual([
      ['related_linked', 'terkait'],
      ['case_proposed', 'skor c-3'],
      ['case_proposed', 'skor c-2'],
    ]);
    expect(trail[0]!.fields).toMatchObject({ complaint: 'c-5', detail: '{"related":["c-4"]}', who: 'dedup' });
    expect(trail[0]!.id).toBe(stream[0]!.id);
    expect(trail[2]!.id).toBe(stream[1]!.id);
    expect(await store.readAudit(10, 'c-9')).toEqual([]);
    expect(await store.readAudit(10, 'c-6')).toHaveLength(1);
  });

  it('writes no audit entry when every proposal was made before', async () => {
    const store = await setup();
    await store.caseLinks.propose(proposal('c-1', 'c-2'));
    const added = await store.caseLinks.recordPage(
      {
        proposals: [proposal('c-1', 'c-2')],
        related: [],
        audit: {
          proposed: { who: 'dedup', what: 'case_proposed', why: 'usulan', entries: [entry('c-2', 'x', {})] },
          related: { who: 'dedup', what: 'related_linked', why: 'terkait', entries: [] },
        },
      },
      AT,
    );
    expect(added).toEqual([false]);
    expect(await store.readAudit(10)).toEqual([]);
  });

  it('answers the pairs kept apart of many complaints in one call', async () => {
    const store = await setup();
    await store.caseLinks.keepApart('c-2', 'c-1', true);
    await store.caseLinks.keepApart('c-3', 'c-4', true);
    expect(
      await store.caseLinks.apartOfEach([
        { id: 'c-1', others: ['c-3', 'c-2'] },
        { id: 'c-5', others: [] },
        { id: 'c-4', others: ['c-1', 'c-3'] },
      ]),
    ).toEqual([new Set(['c-2']), new Set(), new Set(['c-3'])]);
    expect(await store.caseLinks.apartOfEach([{ id: 'c-1', others: [] }])).toEqual([new Set()]);
  });

  it('moves the related sets of the layout before into the hash on first use, beside what is related since', async () => {
    redis = await testRedis('links-page');
    const { keys } = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3 });
    await redis.redis.sadd(keys.dedupRelated('c-1'), 'c-2', 'c-3');
    await redis.redis.sadd(keys.dedupRelated('c-2'), 'c-1');
    await redis.redis.sadd(keys.dedupRelated('c-3'), 'c-1');
    const store = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
    await store.caseLinks.recordPage(
      {
        proposals: [],
        related: [['c-4', 'c-1']],
        audit: {
          proposed: { who: 'dedup', what: 'case_proposed', why: 'usulan', entries: [] },
          related: { who: 'dedup', what: 'related_linked', why: 'terkait', entries: [] },
        },
      },
      AT,
    );
    expect(await store.caseLinks.relatedTo(['c-1'])).toEqual(['c-2', 'c-3', 'c-4']);
    expect(await store.caseLinks.relatedTo(['c-2'])).toEqual(['c-1']);
    expect(await redis.redis.exists(keys.dedupRelated('c-1'), keys.dedupRelated('c-2'), keys.dedupRelated('c-3'))).toBe(
      0,
    );
    // A reader of a fresh store finds them moved.
    const other = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
    expect(await other.caseLinks.relatedTo(['c-3'])).toEqual(['c-1']);
  });
});
