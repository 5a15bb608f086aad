import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpdUnit } from '../../src/opd/directory-schema.js';
import { afterEach, describe, expect, it } from 'vitest';
import { CaseDesk } from '../../src/dedup/desk.js';
import type { Complaint } from '../../src/domain/complaint.js';
import type { ResponseStore } from '../../src/store/responses.js';
import { createStore, type Store } from '../../src/store/store.js';
import { runCli } from '../support/cli.js';
import { testComplaint } from '../support/complaints.js';
import { TEST_REDIS_URL, testRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis | undefined;
afterEach(async () => {
  await redis?.cleanup();
  redis = undefined;
});

const clock = { now: () => new Date('2026-03-10T00:00:00Z'), sleep: async () => {} };

function complaint(source: string, externalId: string, caseId?: string): Complaint {
  const c = testComplaint(source, externalId, '2026-03-01T00:00:00Z');
  return caseId ? { ...c, caseId } : c;
}

async function setup(): Promise<{ store: Store; desk: CaseDesk; answers: ResponseStore }> {
  redis = await testRedis('desk');
  const store = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
  const answers = store.responses;
  const desk = new CaseDesk({
    ledger: store.ledger,
    audit: store.audit,
    sourcesOfSystem: () => [],
    links: store.caseLinks,
    clock,
    units: { current: (code) => (code === 'dinkes' ? ({ name: 'Dinas Kesehatan' } as OpdUnit) : undefined) },
    onCaseMerged: (from, into) => answers.moveCase(from, into).then(() => undefined),
    onCaseSplit: (from, into, moved) => answers.moveAnswersOf(from, into, moved).then(() => undefined),
    answersOf: async (caseId) =>
      (await answers.ofCase(caseId)).map((a) => ({ id: a.id, complaintId: a.complaintId, state: a.state, at: a.at })),
  });
  return { store, desk, answers };
}

async function put(store: Store, c: Complaint): Promise<void> {
  await store.ledger.transact(c.id, () => ({ complaint: c, audit: { who: 'test', what: 'created', why: 'test' } }));
}

const answer = (id: string, caseId: string, complaintId: string) => ({
  id,
  caseId,
  complaintId,
  text: 'Sudah diperbaiki.',
  by: 'petugas',
  at: '2026-03-05T00:00:00Z',
  state: 'approved' as const,
  createdAt: '2026-03-05T00:00:00Z',
});

describe('operators decide on cases (real Redis)', () => {
  it('merge and split undo each other, answers go back to their records, every step is audited with who', async () => {
    const { store, desk, answers } = await setup();
    // The desk shows the OPD a complaint is with, by the directory's name (not the source's).
    const wa = {
      ...complaint('wa', 'w1'),
      opd: { code: 'dinkes', name: 'Dinkes Kab.', assignedBy: 'operator' as const },
    };
    const sa = complaint('superapp', 's1');
    await put(store, wa);
    await put(store, sa);
    await answers.add(answer('r-wa', wa.id, wa.id));
    await answers.add(answer('r-sa', sa.id, sa.id));

    const merged = await desk.merge(wa.id, sa.id, 'sari');
    const caseId = merged.into;
    expect((await desk.show(sa.id)).members.map((m) => m.id).sort()).toEqual([wa.id, sa.id].sort());
    expect((await desk.show(sa.id)).members.find((m) => m.id === wa.id)?.opd).toBe('Dinas Kesehatan');
    expect((await answers.ofCase(caseId)).map((a) => a.id).sort()).toEqual(['r-sa', 'r-wa']);

    const other = caseId === wa.id ? sa.id : wa.id;
    const split = await desk.split(caseId, [other], 'sari');
    expect(split.moved).toEqual([other]);
    expect((await store.ledger.get(other))!.caseId).toBe(other);
    expect((await answers.ofCase(other)).map((a) => a.complaintId)).toEqual([other]);
    expect((await answers.ofCase(caseId)).map((a) => a.complaintId)).toEqual([caseId]);
    // Split pairs are kept apart from dedup.
    expect(await store.caseLinks.apart(wa.id, [sa.id])).toEqual(new Set([sa.id]));

    const audit = await store.readAudit(50);
    expect(
      audit
        .filter((e) => e.fields.who === 'operator:sari')
        .map((e) => e.fields.what)
        .sort(),
    ).toEqual(['case_merged', 'case_split']);
  });

  it('confirms and rejects proposals; a rejection is undone by confirming', async () => {
    const { store, desk } = await setup();
    const a = complaint('wa', 'w1');
    const b = complaint('lapor', '501');
    await put(store, a);
    await put(store, b);
    const id = [a.id, b.id].sort().join('~');
    await store.caseLinks.propose({
      id,
      a: a.id,
      b: b.id,
      kind: 'duplicate',
      score: 0.7,
      signals: ['teks 0.70'],
      at: '2026-03-02T00:00:00Z',
      state: 'open',
    });
    expect((await desk.proposals()).total).toBe(1);
    await expect(desk.reject('nope', 'sari')).rejects.toMatchObject({ code: 'NOT_FOUND' });

    expect(await desk.reject(id, 'sari')).toMatchObject({ state: 'rejected', decidedBy: 'sari' });
    expect((await desk.proposals()).total).toBe(0);
    expect(await store.caseLinks.apart(a.id, [b.id])).toEqual(new Set([b.id]));

    expect(await desk.confirm(id, 'budi')).toMatchObject({ state: 'confirmed', decidedBy: 'budi' });
    expect((await store.ledger.get(a.id))!.caseId).toBe((await store.ledger.get(b.id))!.caseId);
    expect(await store.caseLinks.apart(a.id, [b.id])).toEqual(new Set());
    await expect(desk.reject(id, 'sari')).rejects.toMatchObject({ code: 'ALREADY_DECIDED' });
  });

  it('lists proposals and shows a case from the CLI, in Indonesian', async () => {
    const { store } = await setup();
    const a = complaint('wa', 'w1');
    const b = complaint('lapor', '501');
    await put(store, a);
    await put(store, b);
    await store.caseLinks.propose({
      id: [a.id, b.id].sort().join('~'),
      a: a.id,
      b: b.id,
      kind: 'duplicate',
      score: 0.7,
      signals: ['teks 0.70', 'pelapor sama'],
      at: '2026-03-02T00:00:00Z',
      state: 'open',
    });
    const env = { REDIS_URL: TEST_REDIS_URL, LAPOR_BRIDGE__REDIS__KEYPREFIX: redis!.prefix };
    const list = await runCli(['cases', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('1 usulan menunggu keputusan');
    expect(list.stdout).toContain('pelapor sama');
    // A proposal shows both of its cases, each with its complaint.
    const pair = await runCli(['cases', 'show', [a.id, b.id].sort().join('~')], env);
    expect(pair.code, pair.stderr).toBe(0);
    expect(pair.stdout).toContain(`Kasus ${a.id}`);
    expect(pair.stdout).toContain(`Kasus ${b.id}`);
    const json = JSON.parse((await runCli(['cases', 'show', [a.id, b.id].sort().join('~'), '--json'], env)).stdout) as {
      cases: unknown[];
    };
    expect(json.cases).toHaveLength(2);
    const missing = await runCli(['cases', 'show', 'c-nothing'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('tidak ada kasus atau aduan "c-nothing"');
  });
});

describe('lapor-bridge dedup-check', () => {
  it('prints the cases a JSONL file would make, offline, with scores', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dedup-check-'));
    const file = join(dir, 'aduan.jsonl');
    const lines = [
      {
        id: 'wa-1',
        text: 'Yth. Bapak Bupati, jalan poros Desa Ngawen rusak parah dan berlubang sedalam 20 cm, sudah 3 bulan belum ada perbaikan. Mohon ditindaklanjuti.',
        reporter: '081234567890',
        desa: 'Ngawen',
        category: 'Jalan',
        reportedAt: '2026-03-01T08:00:00+07:00',
      },
      {
        id: 'sms-9',
        text: 'jln poros ds ngawen rusak parah dn berlubang sedalam 20 cm,sdh 3 bln blm ada perbaikan.mhn ditindaklanjuti trmksh',
        reporter: '+62 812-3456-7890',
        reportedAt: '2026-03-20T08:00:00+07:00',
      },
      {
        id: 'lapor-5',
        text: 'Lampu penerangan jalan di depan masjid Desa Sarimulyo mati dua minggu.',
        reporter: 'budi@example.id',
        reportedAt: '2026-03-05T08:00:00+07:00',
      },
    ];
    await writeFile(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n{broken\n');
    const run = await runCli(['dedup-check', file, '--json'], {});
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      records: number;
      cases: number;
      joined: { records: string[] }[];
      problems: string[];
    };
    expect(result).toMatchObject({ records: 3, cases: 2 });
    expect(result.joined.map((c) => c.records.sort())).toEqual([['sms-9', 'wa-1']]);
    expect(result.problems).toEqual(['baris 4: bukan JSON']);
    expect(run.stdout).not.toContain('081234567890');
  });
});
