import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import type { Complaint } from '../../../src/domain/complaint.js';
import { DAY_MS } from '../../../src/domain/local-date.js';
import { mergeCases, splitCase, type CaseDeps } from '../../../src/dedup/cases.js';
import type { OpdUnit } from '../../../src/opd/directory-schema.js';
import { computeDueLists, countDue, type DueOpdCount } from '../../../src/rekap/due.js';
import type { RekapUnits } from '../../../src/rekap/opd-key.js';
import { computeRekap } from '../../../src/rekap/scan.js';
import { rekapSettings, type RekapSettings } from '../../../src/rekap/settings.js';
import { rekapRecordOf } from '../../../src/store/rekap-records.js';
import { decodeRekapRecord } from '../../../src/store/rekap-record-codec.js';
import { createStore, type Store } from '../../../src/store/store.js';
import { putComplaint, testComplaint } from '../../support/complaints.js';
import { testRedis, type TestRedis } from '../../support/redis.js';

let redis: TestRedis | undefined;
afterEach(async () => {
  await redis?.cleanup();
  redis = undefined;
});

const NOW = new Date('2026-03-31T02:00:00Z');
const clock = { now: () => NOW, sleep: async () => {} };
const dpupr = { code: 'dpupr', name: 'Dinas PUPR', assignedBy: 'source' as const };
const dinkes = { code: 'dinkes', name: 'Dinas Kesehatan', assignedBy: 'source' as const };

/** A directory where "dpu" was merged into "dpupr": its work counts under the successor. */
const units = {
  current: (code: string) => ({ code: code === 'dpu' ? 'dpupr' : code, name: code.toUpperCase() }) as OpdUnit,
  get: (code: string) => ({ code, name: code.toUpperCase() }) as OpdUnit,
} satisfies RekapUnits;

function record(source: string, externalId: string, reportedAt: string, over: Partial<Complaint> = {}): Complaint {
  return testComplaint(source, externalId, reportedAt, { title: `Lampu jalan ${externalId} mati`, ...over });
}

/** The same complaint, one version on: what a newer delivery or an operator's change writes. */
async function change(store: Store, id: string, edit: (c: Complaint) => Partial<Complaint>): Promise<void> {
  await store.ledger.transact(id, (c) => ({
    complaint: { ...c!, ...edit(c!), version: c!.version + 1 },
    audit: { who: 'test', what: 'updated', why: 'test' },
  }));
}

/** Every rekap record stored, by day bucket key and complaint id. */
async function storedRecords(r: TestRedis, store: Store): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  let cursor = '0';
  do {
    const [next, keys] = await r.redis.scan(cursor, 'MATCH', `${store.keys.rekapDayPrefix()}*`, 'COUNT', 500);
    cursor = next;
    for (const key of keys)
      for (const [id, stored] of Object.entries(await r.redis.hgetallBuffer(key)))
        out.set(`${key} ${id}`, decodeRekapRecord(stored));
  } while (cursor !== '0');
  return out;
}

/** What the records must be, computed again from every complaint document of the ledger. */
async function recomputed(store: Store): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for await (const batch of store.ledger.batches({ receivedFromMs: 0, batchSize: 100 }))
    for (const { doc } of batch) {
      const c = doc as Complaint;
      const day = Math.floor(Date.parse(c.reportedAt) / DAY_MS);
      out.set(`${store.keys.rekapDay(day)} ${c.id}`, JSON.parse(JSON.stringify(rekapRecordOf(c))));
    }
  return out;
}

async function rekaps(store: Store) {
  const settings = rekapSettings(loadConfig({ env: {} }).config, units);
  return {
    march: await computeRekap(store, settings, { period: { from: '2026-03-01', to: '2026-03-31' }, now: NOW }),
    april: await computeRekap(store, settings, { period: { from: '2026-04-01', to: '2026-04-30' }, now: NOW }),
    byWa: await computeRekap(store, settings, {
      period: { from: '2026-03-01', to: '2026-03-31' },
      source: 'wa',
      now: NOW,
    }),
    due: await dueLists(store, settings),
  };
}

/** The due lists, and what /metrics counts of them without holding the lists: the same rows. */
async function dueLists(store: Store, settings: RekapSettings) {
  const due = await computeDueLists(store, settings, { now: NOW });
  const byKey = (rows: DueOpdCount[]) => [...rows].sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''));
  expect(byKey(await countDue(store, settings, { now: NOW }))).toEqual(byKey(due.byOpd));
  expect(due.byOpd.some((r) => r.overdue > 0)).toBe(true);
  return due;
}

async function wipeRecords(r: TestRedis, store: Store): Promise<void> {
  for (const key of (await storedRecords(r, store)).keys()) await r.redis.del(key.split(' ')[0]!);
  await r.redis.del(store.keys.multiRecordCases(), store.keys.meta('rekap-records'));
}

describe('rekap records kept by the ledger scripts (real Redis)', () => {
  it('agree with a full recomputation after creates, updates, answers, merges, splits and OPD changes', async () => {
    redis = await testRedis('rekaprec');
    const store = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
    const deps: CaseDeps = { ledger: store.ledger, audit: (e) => store.audit(e), sourcesOfSystem: () => [] };

    // Creates: one at a time (compare-and-set) and a page in one call (the ingest path).
    const single = [
      record('lapor', '1', '2026-03-02T02:00:00Z', { opd: dpupr, category: { name: 'Jalan' } }),
      record('lapor', '2', '2026-03-03T23:30:00Z', { opd: dinkes, rahasia: true, title: 'Pungli puskesmas' }),
      record('wa', 'w1', '2026-03-04T02:00:00Z', { title: undefined, body: 'Sampah menumpuk di pasar desa' }),
      record('wa', 'w2', '2026-03-31T16:59:00Z', { opd: { code: 'dpu', name: 'DPU', assignedBy: 'rule' } }),
      record('superapp', 's1', '2026-02-27T02:00:00Z'),
    ];
    for (const c of single) await putComplaint(store, c);
    const page = [
      record('wa', 'w3', '2026-03-10T02:00:00Z', { status: 'in_progress' }),
      record('wa', 'w4', '2026-03-11T02:00:00Z', { opd: { name: 'Dinas Entah', assignedBy: 'source' } }),
      record('lapor', '3', '2026-04-01T01:00:00Z', { opd: dinkes }),
    ];
    expect(
      await store.ledger.writePage(
        page.map((c) => ({
          source: c.source,
          externalId: c.externalId,
          write: { complaint: c, audit: { who: 'test', what: 'created', why: 'test' } },
          expectedVersion: 0,
        })),
      ),
    ).toEqual([true, true, true]);
    const [l1, l2, w1, w2, s1] = single.map((c) => c.id) as [string, string, string, string, string];
    const [w3, w4, l3] = page.map((c) => c.id) as [string, string, string];

    // Updates: a status change, a report time corrected into another day and month.
    await change(store, l1, () => ({ status: 'in_progress' }));
    await change(store, w3, () => ({ reportedAt: '2026-04-02T02:00:00Z' }));
    await change(store, w3, () => ({ reportedAt: '2026-03-12T02:00:00Z', status: 'not_authority' }));
    // Answers, and tunda.
    await change(store, l1, (c) => ({
      status: 'responded',
      responses: [
        ...c.responses,
        { id: 'r1', source: 'lapor', at: '2026-03-05T02:00:00Z', text: 'Sudah diperbaiki.', kind: 'tindak_lanjut' },
      ],
    }));
    await change(store, w4, () => ({ status: 'postponed', pauses: [{ from: '2026-03-12T02:00:00Z' }] }));
    // A merge (the WhatsApp complaint is the same as LAPOR 1 and the February super-app one), then a split.
    await mergeCases(deps, l1, [w1, s1]);
    await splitCase(deps, l1, [s1], 'operator', 'not the same');
    await mergeCases(deps, l2, [l3]);
    // An OPD named in the source, then resolved to a directory code ("opd check --apply"); and one taken away.
    await change(store, w4, (c) => ({ opd: { ...c.opd!, code: 'dinkes' } }));
    await change(store, w2, () => ({ opd: undefined }));

    expect(await storedRecords(redis, store)).toEqual(await recomputed(store));
    // Every case that has more than one complaint now is marked, so the rekap reads its members.
    const marked = await redis.redis.smembers(store.keys.multiRecordCases());
    expect(marked).toEqual(expect.arrayContaining([l1, l2]));

    // The rekap from the kept records is the rekap from records rebuilt from the documents.
    const kept = await rekaps(store);
    expect(kept.march.total.total).toBe(5);
    expect(kept.april.total.total).toBe(0); // LAPOR 3 counts in March with LAPOR 2's case
    await wipeRecords(redis, store);
    const rebuilt = await rekaps(store);
    expect(rebuilt).toEqual(kept);
    expect(await storedRecords(redis, store)).toEqual(await recomputed(store));
  });

  it('a ledger written before the records existed gets them once, on the first rekap; a rebuild again changes nothing', async () => {
    redis = await testRedis('rekaprebuild');
    const store = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
    const a = record('lapor', '1', '2026-03-02T02:00:00Z', { opd: dpupr });
    const b = record('wa', 'w1', '2026-03-03T02:00:00Z', { caseId: a.id });
    const c = record('wa', 'w2', '2026-03-20T02:00:00Z', { opd: dinkes, status: 'responded' });
    for (const x of [a, b, c]) await putComplaint(store, x);
    const before = await rekaps(store);
    expect(before.march.total).toMatchObject({ total: 2, answered: 1 });

    await wipeRecords(redis, store);
    expect(await storedRecords(redis, store)).toEqual(new Map());
    const first = await rekaps(store);
    expect(first).toEqual(before);
    expect(await redis.redis.get(store.keys.meta('rekap-records'))).toBe('v1');
    expect(await redis.redis.smembers(store.keys.multiRecordCases())).toEqual([a.id]);

    // A write after the build files its own record; rebuilding again keeps it and adds nothing.
    await change(store, c.id, () => ({ status: 'closed' }));
    const kept = await storedRecords(redis, store);
    expect(await store.rekapRecords.rebuild()).toBe(3);
    expect(await storedRecords(redis, store)).toEqual(kept);
    expect(kept).toEqual(await recomputed(store));
  });

  it('a build never puts back an older version than the one the reported index holds', async () => {
    redis = await testRedis('rekaprace');
    const store = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
    const a = record('lapor', '1', '2026-03-02T02:00:00Z');
    await putComplaint(store, a);
    await store.reported.ensureBuilt();
    await wipeRecords(redis, store);
    // The build read version 1 (2 March); meanwhile version 2 moved the report to 9 March.
    const stale = (await store.ledger.documents([a.id]))[0] as Complaint;
    await change(store, a.id, () => ({ reportedAt: '2026-03-09T02:00:00Z' }));
    await redis.redis.del(store.keys.rekapDay(Math.floor(Date.parse('2026-03-09T02:00:00Z') / DAY_MS)));
    await redis.redis.set(store.keys.complaint(a.id), JSON.stringify(stale));
    await store.rekapRecords.rebuild();
    // The stale document's day got nothing: the index says 9 March.
    expect(await storedRecords(redis, store)).toEqual(new Map());
  });
});
