import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { splitCase, type CaseDeps } from '../../src/dedup/cases.js';
import { DedupStage } from '../../src/dedup/stage.js';
import { DEFAULT_DEDUP_SETTINGS } from '../../src/dedup/settings.js';
import { contentHashOf, type Complaint } from '../../src/domain/complaint.js';
import { createStore, type Store } from '../../src/store/store.js';
import { testComplaint } from '../support/complaints.js';
import { testRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis | undefined;
afterEach(async () => {
  await redis?.cleanup();
  redis = undefined;
});

const clock = { now: () => new Date('2026-03-10T00:00:00Z'), sleep: async () => {} };
const ROAD =
  'Jalan poros Desa Ngawen rusak parah dan berlubang sedalam 20 cm, sudah 3 bulan belum ada perbaikan. Anak-anak sekolah setiap hari melewati jalan tersebut.';

function complaint(
  source: string,
  externalId: string,
  body: string,
  reporter: string | undefined,
  reportedAt: string,
): Complaint {
  return testComplaint(source, externalId, reportedAt, {
    body,
    rawBody: body,
    location: { desa: 'Ngawen', kecamatan: 'Ngawen' },
    category: { name: 'Jalan' },
    ...(reporter ? { reporter: { hash: reporter, display: 'S.' } } : {}),
    contentHash: contentHashOf(body),
  });
}

async function setup(): Promise<{ store: Store; stage: DedupStage; deps: CaseDeps; moved: string[][] }> {
  redis = await testRedis('dedup');
  const store = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3, reporterSalt: 'salt' });
  const moved: string[][] = [];
  const deps: CaseDeps = {
    ledger: store.ledger,
    audit: store.audit,
    sourcesOfSystem: () => [],
    onCaseMerged: async (from, into) => void moved.push([from, into]),
  };
  const stage = new DedupStage({
    ...deps,
    index: store.dedupIndex,
    links: store.caseLinks,
    settings: DEFAULT_DEDUP_SETTINGS,
    clock,
    logger: pino({ level: 'silent' }),
  });
  return { store, stage, deps, moved };
}

async function write(store: Store, c: Complaint): Promise<Complaint> {
  await store.ledger.transact(c.id, () => ({ complaint: c, audit: { who: 'test', what: 'created', why: 'test' } }));
  return c;
}

describe('dedup stage (real Redis)', () => {
  it('links a cross-channel resend into one case, relates another citizen, and leaves a different problem alone', async () => {
    const { store, stage, moved } = await setup();
    const first = await write(store, complaint('wa', 'w1', ROAD, 'siti', '2026-03-01T08:00:00Z'));
    expect(await stage.place(first)).toEqual({ linked: [], proposed: [], related: [] });
    const resend = await write(
      store,
      complaint('superapp', 's1', `Yth. Bapak Bupati, ${ROAD} Mohon ditindaklanjuti.`, 'siti', '2026-03-08T08:00:00Z'),
    );
    const other = await write(
      store,
      complaint(
        'bupati',
        'b1',
        'Jalan di Desa Ngawen dekat balai desa hancur dan berlubang, motor saya jatuh kemarin malam.',
        'budi',
        '2026-03-09T08:00:00Z',
      ),
    );
    const lamp = await write(store, {
      ...complaint(
        'wa',
        'w2',
        'Lampu penerangan jalan di depan masjid mati dua minggu.',
        'siti',
        '2026-03-09T09:00:00Z',
      ),
      category: { name: 'Penerangan Jalan' },
    });

    expect((await stage.place(resend)).linked).toEqual([first.id]);
    expect(await stage.place(other)).toMatchObject({ linked: [], related: expect.arrayContaining([first.id]) });
    expect(await stage.place(lamp)).toEqual({ linked: [], proposed: [], related: [] });

    const caseId = [first.id, resend.id].sort()[0]!;
    expect((await store.ledger.caseMembers(caseId)).sort()).toEqual([first.id, resend.id].sort());
    expect((await store.ledger.get(other.id))!.caseId).toBe(other.id);
    expect(await store.caseLinks.relatedTo([other.id])).toEqual(expect.arrayContaining([first.id]));
    expect(moved).toHaveLength(1);

    // Placing again (a retried ingest) changes nothing and indexes nothing twice.
    expect((await stage.place(resend)).linked).toEqual([]);
    expect(await store.dedupIndex.size()).toBe(4);
    const audit = await store.readAudit(50);
    expect(audit.filter((e) => e.fields.what === 'case_merged' && e.fields.who === 'dedup')).toHaveLength(1);
  });

  it('never joins two reporters by itself, also through a record without a reporter alike to both', async () => {
    const { store, stage } = await setup();
    const siti = await write(store, complaint('wa', 'w1', ROAD, 'siti', '2026-03-01T08:00:00Z'));
    const nobody = await write(store, complaint('open311', 'o1', ROAD, undefined, '2026-03-02T08:00:00Z'));
    const budi = await write(store, complaint('superapp', 's1', ROAD, 'budi', '2026-03-03T08:00:00Z'));
    await stage.place(siti);
    expect((await stage.place(nobody)).linked).toEqual([siti.id]);
    const placed = await stage.place(budi);
    expect(placed.linked).toEqual([]);
    expect(placed.proposed).toContain(nobody.id);
    expect((await store.ledger.get(budi.id))!.caseId).toBe(budi.id);
  });

  it('keeps apart what an operator split, also when a third record is alike to both', async () => {
    const { store, stage, deps } = await setup();
    const a = await write(store, complaint('wa', 'w1', ROAD, 'siti', '2026-03-01T08:00:00Z'));
    const b = await write(store, complaint('superapp', 's1', ROAD, 'siti', '2026-03-02T08:00:00Z'));
    await stage.place(a);
    await stage.place(b);
    const caseId = (await store.ledger.get(b.id))!.caseId;
    expect(await store.ledger.caseMembers(caseId)).toHaveLength(2);
    const other = caseId === a.id ? b.id : a.id;
    await splitCase(deps, caseId, [other], 'operator:test', 'bukan laporan yang sama');
    await store.caseLinks.keepApart(a.id, b.id, true);
    expect((await store.ledger.get(other))!.caseId).toBe(other);

    const c = await write(store, complaint('bupati', 'b1', ROAD, 'siti', '2026-03-03T08:00:00Z'));
    const placed = await stage.place(c);
    expect(placed.linked).toHaveLength(1);
    expect(placed.proposed).toHaveLength(1);
    expect((await store.ledger.get(a.id))!.caseId).not.toBe((await store.ledger.get(b.id))!.caseId);
  });
});
