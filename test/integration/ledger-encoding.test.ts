import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Complaint } from '../../src/domain/complaint.js';
import { createStore, type Store } from '../../src/store/store.js';
import { cleanText } from '../../src/text/normalize.js';
import { readStream } from '../../src/store/audit.js';
import { audited } from '../support/audited.js';
import { testComplaint } from '../support/complaints.js';
import { testRedis, type TestRedis } from '../support/redis.js';

const NOW = new Date('2026-03-31T02:00:00Z');
const clock = { now: () => NOW, sleep: async () => {} };
const SENT = 'Jalan <b>rusak</b> di Desa Ngawen,<br />hubungi 081234567890';

/** A document exactly as the ledger wrote it before its documents were MessagePack. */
async function writeLegacy(t: TestRedis, store: Store, c: Complaint): Promise<void> {
  await t.redis.set(store.keys.complaint(c.id), JSON.stringify(c));
  if (c.opd?.code) await t.redis.zadd(store.keys.opdIndex(c.opd.code), Date.parse(c.receivedAt), c.id);
}

const audit = { who: 'test', what: 'updated', why: 'test' };

describe('ledger writes: MessagePack documents, JSON ones written before, gathered page writes (real Redis)', () => {
  let t: TestRedis;
  let store: Store;
  beforeEach(async () => {
    t = await testRedis('encoding');
    store = createStore(t.redis, t.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
  });
  afterEach(async () => t.cleanup());

  it('reads a JSON document, and its next write (one record) stores it as MessagePack', async () => {
    const old = testComplaint('lapor', '501', '2026-03-01T01:00:00.000Z', {
      rawBody: SENT,
      body: cleanText(SENT),
      opd: { code: 'dpupr', assignedBy: 'source' },
    });
    await writeLegacy(t, store, old);
    expect(await store.ledger.get(old.id)).toEqual(old);
    expect(await store.ledger.getMany([old.id])).toEqual([old]);

    const next: Complaint = {
      ...old,
      status: 'in_progress',
      version: 2,
      opd: { code: 'dinkes', assignedBy: 'operator' },
    };
    expect(
      await store.ledger.transact(old.id, (held) => (held?.version === 1 ? { complaint: next, audit } : null)),
    ).not.toBeNull();

    const stored = (await t.redis.getBuffer(store.keys.complaint(old.id)))!;
    expect(stored[0]).not.toBe('{'.charCodeAt(0));
    // The cleaned text is derived from the text as sent, not stored a second time.
    expect(stored.includes(Buffer.from(cleanText(SENT)))).toBe(false);
    expect(stored.includes(Buffer.from(SENT))).toBe(true);
    expect(await store.ledger.get(old.id)).toEqual(next);
    // The compare-and-set read the old document's OPD: the complaint moved between the OPD indexes.
    expect(await t.redis.zrange(store.keys.opdIndex('dpupr'), 0, -1)).toEqual([]);
    expect(await t.redis.zrange(store.keys.opdIndex('dinkes'), 0, -1)).toEqual([old.id]);
  });

  it('a page write over a JSON document compares its version, moves its OPD and stores MessagePack', async () => {
    const old = testComplaint('lapor', '502', '2026-03-02T01:00:00.000Z', {
      opd: { code: 'dpupr', assignedBy: 'source' },
    });
    await writeLegacy(t, store, old);
    const next: Complaint = {
      ...old,
      body: 'jalan rusak parah',
      rawBody: 'jalan rusak parah',
      version: 2,
      opd: { code: 'dinkes', assignedBy: 'source' },
    };
    const stale: Complaint = { ...next, externalId: '503', id: 'c-other', caseId: 'c-other', version: 1 };
    // 502 expects the version held (1); the other expects 0 but is new, so both apply; then a lost race.
    const applied = await store.ledger.writePage([
      { source: 'lapor', externalId: '502', write: { complaint: next, audit }, expectedVersion: 1 },
      { source: 'lapor', externalId: '503', write: { complaint: stale, audit }, expectedVersion: 0 },
    ]);
    expect(applied).toEqual([true, true]);
    expect(await store.ledger.get(old.id)).toEqual(next);
    expect((await t.redis.getBuffer(store.keys.complaint(old.id)))![0]).not.toBe('{'.charCodeAt(0));
    expect(await t.redis.zrange(store.keys.opdIndex('dpupr'), 0, -1)).toEqual([]);
    expect(await t.redis.zrange(store.keys.opdIndex('dinkes'), 0, -1)).toEqual(['c-other', old.id].sort());

    const lost = await store.ledger.writePage([
      { source: 'lapor', externalId: '502', write: { complaint: { ...next, version: 3 }, audit }, expectedVersion: 1 },
    ]);
    expect(lost).toEqual([false]);
    expect((await store.ledger.get(old.id))!.version).toBe(2);
  });

  it('a page larger than one slice of the gathered writes stores every record, its id, index entries and held hash', async () => {
    const page = Array.from({ length: 600 }, (_, i) =>
      testComplaint('lapor', String(9000 + i), '2026-03-04T01:00:00.000Z', {
        opd: { code: 'dpupr', assignedBy: 'source' },
      }),
    );
    const applied = await store.ledger.writePage(
      page.map((c) => ({
        source: 'lapor',
        externalId: c.externalId,
        write: { complaint: c, audit },
        expectedVersion: 0,
      })),
    );
    expect(applied.every(Boolean)).toBe(true);
    expect(await store.ledger.getMany(page.map((c) => c.id))).toEqual(page);
    expect(await store.ledger.count()).toBe(600);
    expect(await t.redis.zcard(store.keys.reportedIndex())).toBe(600);
    expect(await t.redis.zcard(store.keys.opdIndex('dpupr'))).toBe(600);
    expect(await t.redis.hlen(store.keys.externalIds('lapor'))).toBe(600);
    expect(
      await store.ledger.heldHashes(
        'lapor',
        page.map((c) => c.externalId),
      ),
    ).toEqual(page.map((c) => c.contentHash));
    // One audit entry for the page, listing each complaint once.
    const entries = await readStream(t.redis, store.keys.audit(), 10);
    expect(entries).toHaveLength(1);
    expect(audited(entries, 'updated')).toEqual(page.map((c) => c.id));
  });

  it("a page's audit is one stream entry per who and what, each complaint with its own reason where it differs", async () => {
    const page = ['601', '602', '603'].map((x) => testComplaint('lapor', x, '2026-03-04T01:00:00.000Z'));
    const whys = ['first seen on lapor', 'first seen on lapor', 'newer version from lapor (2026-03-04)'];
    const applied = await store.ledger.writePage([
      ...page.map((c, i) => ({
        source: 'lapor',
        externalId: c.externalId,
        write: {
          complaint: c,
          audit: { who: 'ingest', what: i < 2 ? 'created' : 'updated', why: whys[i]!, detail: { n: i } },
        },
        expectedVersion: 0,
      })),
      // A lost race writes nothing, and is in no entry.
      {
        source: 'lapor',
        externalId: '604',
        write: { complaint: testComplaint('lapor', '604', NOW.toISOString()), audit },
        expectedVersion: 3,
      },
    ]);
    expect(applied).toEqual([true, true, true, false]);
    const entries = (await readStream(t.redis, store.keys.audit(), 10)).reverse();
    expect(entries.map((e) => [e.fields.who, e.fields.what, e.fields.why, e.fields.complaint])).toEqual([
      ['ingest', 'created', 'first seen on lapor', undefined],
      ['ingest', 'updated', 'newer version from lapor (2026-03-04)', undefined],
    ]);
    expect(JSON.parse(entries[0]!.fields.detail!)).toEqual({
      entries: [
        { complaint: page[0]!.id, detail: { n: 0 } },
        { complaint: page[1]!.id, detail: { n: 1 } },
      ],
    });
    expect(audited(entries, 'updated')).toEqual([page[2]!.id]);
  });

  it('a cleaned text that is not what cleaning gives is kept as it is', async () => {
    const own = testComplaint('lapor', '504', '2026-03-03T01:00:00.000Z', {
      rawBody: SENT,
      body: 'diringkas oleh operator',
    });
    await store.ledger.transact(own.id, () => ({ complaint: own, audit }));
    expect(await store.ledger.get(own.id)).toEqual(own);
    const read = [];
    for await (const batch of store.ledger.batches({ receivedFromMs: 0, batchSize: 10 })) read.push(...batch);
    expect(read).toEqual([{ id: own.id, doc: own }]);
  });
});
