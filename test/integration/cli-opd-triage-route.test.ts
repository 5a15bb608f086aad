import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { generateRoutingData } from '../../bench/lib/route-data.js';
import { complaintId, contentHashOf, type Complaint } from '../../src/domain/complaint.js';
import { loadDirectory } from '../../src/opd/load-directory.js';
import { runCli, runCliPiped } from '../support/cli.js';
import { startTestPipeline, type TestPipeline } from '../support/pipeline.js';
import { TEST_REDIS_URL } from '../support/redis.js';

const units = loadDirectory('config/opd/blora.yaml').directory!;

function complaint(externalId: string, opd?: Complaint['opd']): Complaint {
  const id = complaintId('wadesk', externalId);
  const at = '2026-03-02T02:00:00.000Z';
  return {
    id,
    caseId: id,
    source: 'wadesk',
    externalId,
    crossRefs: [],
    body: 'Obat di puskesmas habis',
    rawBody: 'Obat di puskesmas habis',
    anonim: false,
    rahasia: false,
    reportedAt: at,
    receivedAt: at,
    updatedAt: at,
    status: 'received',
    ...(opd ? { opd } : {}),
    responses: [],
    attachments: [],
    contentHash: contentHashOf(externalId),
    version: 1,
  };
}

/** The directory, triage and routing commands as an operator runs them: real CLI, real Redis, ledger as ground truth. */
describe('lapor-bridge opd, triage and route-eval (real CLI, real Redis)', () => {
  let pipe: TestPipeline;
  let env: Record<string, string>;
  const known = complaint('w-1', { name: 'Dinkes Blora', assignedBy: 'source' });
  const unknown = complaint('w-2', { name: 'Dinas Antah Berantah', assignedBy: 'source' });
  const unrouted = complaint('w-3');

  beforeAll(async () => {
    pipe = await startTestPipeline({ workers: false });
    env = { REDIS_URL: TEST_REDIS_URL, LAPOR_BRIDGE__REDIS__KEYPREFIX: pipe.redis.prefix, LAPOR_BRIDGE_LANG: 'id' };
    const { store, accounts } = pipe.runtime;
    for (const c of [known, unknown, unrouted])
      await store.ledger.transact(c.id, () => ({ complaint: c, audit: { who: 'test', what: 'created', why: 'test' } }));
    // What ingest files when the directory did not know a value (here one it has learnt since, and one it never will).
    for (const [c, value] of [
      [known, 'Dinkes Blora'],
      [unknown, 'Dinas Antah Berantah'],
    ] as const)
      await store.triage.set(`${c.id}:opd`, {
        kind: 'unknown_opd',
        complaintId: c.id,
        source: 'wadesk',
        value,
        reason: 'OPD tidak dikenal direktori',
        at: '2026-03-02T02:00:00.000Z',
      });
    await store.triage.set(`${unrouted.id}:route`, {
      kind: 'unrouted',
      complaintId: unrouted.id,
      source: 'wadesk',
      value: '(tanpa OPD)',
      reason: 'keyakinan model 40% di bawah ambang 85%',
      at: '2026-03-02T02:00:00.000Z',
      suggestions: [
        { opd: 'dinkes', confidence: 0.4 },
        { opd: 'dinsos', confidence: 0.2 },
        { opd: 'rsud', confidence: 0.1 },
      ],
      modelVersion: 'm-test',
    });
    await accounts.add({ username: 'ops', role: 'admin', password: 'operator-password-1' }, 'test');
  }, 60_000);
  afterAll(async () => {
    await pipe?.stop();
  });

  it('opd list and show read the directory, in the operator’s language', async () => {
    const list = await runCli(['opd', 'list'], { LAPOR_BRIDGE_LANG: 'id' });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^kode\s+nama\s+jenis\s+induk\s+status/m);
    expect(list.stdout).toMatch(/dinkes\s+Dinas Kesehatan/);
    expect(list.stdout).toContain(`${units.list().length} unit`);
    const en = await runCli(['opd', 'list'], { LAPOR_BRIDGE_LANG: 'en' });
    expect(en.stdout).toMatch(/^code\s+name\s+kind\s+parent\s+status/m);
    expect(en.stdout).toContain(`${units.list().length} units`);

    const show = await runCli(['opd', 'show', 'dinkes'], {});
    expect(show.code, show.stderr).toBe(0);
    expect(JSON.parse(show.stdout)).toMatchObject({ code: 'dinkes', name: 'Dinas Kesehatan' });
    const missing = await runCli(['opd', 'show', 'dinas-entah'], { LAPOR_BRIDGE_LANG: 'en' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no unit "dinas-entah" (see lapor-bridge opd list)');
  }, 120_000);

  it('opd check lists values the directory does not know; --apply sets the code of those it now knows', async () => {
    const check = await runCli(['opd', 'check'], env);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/wadesk\s+Dinkes Blora\s+1\s+dinkes/);
    expect(check.stdout).toMatch(/wadesk\s+Dinas Antah Berantah\s+1\s+-/);
    expect(check.stdout).toContain('jalankan dengan --apply');
    expect((await pipe.runtime.store.ledger.get(known.id))!.opd?.code).toBeUndefined();

    const applied = await runCli(['opd', 'check', '--apply'], env);
    expect(applied.stdout).toContain('1 aduan mendapat kode OPD');
    expect((await pipe.runtime.store.ledger.get(known.id))!.opd?.code).toBe('dinkes');
    expect((await pipe.runtime.store.ledger.get(unknown.id))!.opd?.code).toBeUndefined();
    expect(await pipe.runtime.store.triage.get(`${known.id}:opd`)).toBeUndefined();
    expect(await pipe.runtime.store.triage.get(`${unknown.id}:opd`)).toBeDefined();
  }, 120_000);

  it('triage list shows the suggestions; assign decides in one action as a named account', async () => {
    const list = await runCli(['triage', 'list', '--kind', 'unrouted'], env);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^aduan\s+nomor\s+jenis\s+sumber\s+nilai\s+saran/m);
    expect(list.stdout).toContain('dinkes 40%, dinsos 20%, rsud 10%');
    // The number people find it by; the kind in the operator's words; a stored placeholder is no value to show.
    expect(list.stdout).toMatch(new RegExp(`^${unrouted.id}\\s+wadesk w-3\\s+belum ada OPD\\s+wadesk\\s+-\\s`, 'm'));
    expect(list.stdout).not.toContain('(tanpa OPD)');
    const unknownOpd = await runCli(['triage', 'list', '--kind', 'unknown_opd'], env);
    expect(unknownOpd.stdout).toMatch(/OPD tak dikenal direktori\s+wadesk\s+Dinas Antah Berantah/);
    const json = JSON.parse((await runCli(['triage', 'list', '--json'], env)).stdout) as { kind: string }[];
    expect(json.map((e) => e.kind).sort()).toEqual(['unknown_opd', 'unrouted']);

    const assigned = await runCli(['triage', 'assign', unrouted.id, 'dinkes', '--as', 'ops'], env);
    expect(assigned.code, assigned.stderr).toBe(0);
    expect(assigned.stdout).toContain(`${unrouted.id}: OPD dinkes (Dinas Kesehatan), ditetapkan oleh ops`);
    expect((await pipe.runtime.store.ledger.get(unrouted.id))!.opd).toMatchObject({
      code: 'dinkes',
      assignedBy: 'operator',
    });
    expect(await pipe.runtime.store.triage.get(`${unrouted.id}:route`)).toBeUndefined();
    expect(await pipe.runtime.store.routing.examples.get(unrouted.id)).toMatchObject({ opd: 'dinkes', by: 'ops' });
  }, 120_000);

  it('triage list says why in the operator’s language, from the catalogue, whatever an entry stored before', async () => {
    const { store } = pipe.runtime;
    // As ingest files it now (the facts only), and as it filed it before (a reason in one language).
    await store.triage.set(`${unknown.id}:classification`, {
      kind: 'missing_classification',
      complaintId: unknown.id,
      source: 'wadesk',
      value: '(none)',
      at: '2026-03-02T02:00:00.000Z',
    });
    await store.triage.set(`${unknown.id}:status`, {
      kind: 'unmapped_status',
      complaintId: unknown.id,
      source: 'wadesk',
      value: 'DIPROSES-ULANG',
      reason: 'status "DIPROSES-ULANG" of wadesk has no canonical mapping; complaint kept at "received"',
      at: '2026-03-02T02:00:00.000Z',
    });
    const id = await runCli(['triage', 'list', '--kind', 'unmapped_status'], env);
    expect(id.code, id.stderr).toBe(0);
    // The table cuts a long reason; its start is enough here (the JSON below is whole).
    expect(id.stdout).toContain('status "DIPROSES-ULANG" dari wadesk belum dipetakan');
    expect(id.stdout).not.toContain('has no canonical mapping');
    const en = await runCli(['triage', 'list', '--json', '--kind', 'missing_classification'], {
      ...env,
      LAPOR_BRIDGE_LANG: 'en',
    });
    expect(JSON.parse(en.stdout)).toEqual([
      expect.objectContaining({
        kind: 'missing_classification',
        reason: 'wadesk gave no classification (pengaduan / aspirasi / permintaan informasi)',
      }),
    ]);
    const unknownOpd = await runCli(['triage', 'list', '--kind', 'unknown_opd'], env);
    expect(unknownOpd.stdout).toContain('OPD "Dinas Antah Berantah" dari wadesk tidak ada');
    await store.triage.deleteMany([`${unknown.id}:classification`, `${unknown.id}:status`]);
  }, 120_000);

  it('triage review marks a complaint’s questions that need no OPD reviewed, with --same every one alike', async () => {
    const { store } = pipe.runtime;
    const asked = (topic: string, complaintId: string, value: string) =>
      [
        `${complaintId}:${topic}`,
        {
          kind: topic === 'classification' ? ('missing_classification' as const) : ('unmapped_status' as const),
          complaintId,
          source: 'wadesk',
          value,
          at: '2026-03-02T02:00:00.000Z',
        },
      ] as const;
    await store.triage.setMany([
      asked('status', known.id, 'DITUNDA'),
      asked('classification', known.id, '(none)'),
      asked('status', unrouted.id, 'DITUNDA'),
      // A status a destination refused: another value, not alike.
      asked('status-out', unrouted.id, 'LAIN'),
    ]);
    const before = (await store.triage.list(500)).map(([id]) => id);

    const done = await runCli(
      ['triage', 'review', known.id, '--kind', 'unmapped_status', '--same', '--as', 'ops'],
      env,
    );
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout.trim()).toBe('2 entri triase ditandai sudah ditinjau oleh ops');
    const after = (await store.triage.list(500)).map(([id]) => id);
    expect(before.filter((id) => !after.includes(id)).sort()).toEqual(
      [`${known.id}:status`, `${unrouted.id}:status`].sort(),
    );
    expect(after).toEqual(expect.arrayContaining([`${known.id}:classification`, `${unrouted.id}:status-out`]));
    const trail = await store.readAudit(5, known.id);
    expect(trail[0]?.fields).toMatchObject({ who: 'operator:ops', what: 'triage_reviewed' });

    // What an OPD settles is not reviewed away.
    const none = await runCli(['triage', 'review', unknown.id, '--as', 'ops'], env);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(`aduan ${unknown.id} tidak punya entri triase yang dapat ditandai sudah ditinjau`);
    await store.triage.deleteMany([`${known.id}:classification`, `${unrouted.id}:status-out`]);
  });

  it('writes the whole of a long --json list into a pipe, not its first 64 KiB', async () => {
    const { store } = pipe.runtime;
    const many = Array.from({ length: 600 }, (_, i) => `c-pipe${String(i).padStart(15, '0')}`);
    await store.triage.setMany(
      many.map((id) => [
        `${id}:classification`,
        {
          kind: 'missing_classification',
          complaintId: id,
          source: 'wadesk',
          value: '',
          at: '2026-03-02T02:00:00.000Z',
        },
      ]),
    );
    // Through a shell's pipe (`… | jq`), not the socket a Node parent gives a child: the
    // process used to exit with the rest still queued (lost in two runs of three).
    for (let run = 0; run < 3; run++) {
      const listed = await runCliPiped(
        ['triage', 'list', '--json', '--kind', 'missing_classification', '-n', '1000'],
        env,
      );
      expect(listed.code, listed.stderr).toBe(0);
      expect(listed.stdout.length, `run ${run}`).toBeGreaterThan(96 * 1024);
      const ids = (JSON.parse(listed.stdout) as { complaintId: string }[]).map((e) => e.complaintId);
      expect(ids).toEqual(expect.arrayContaining(many));
    }
    await store.triage.deleteMany(many.map((id) => `${id}:classification`));
  });

  it('route-eval trains on a labelled export up to a date and scores the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lb-route-eval-'));
    const rows = generateRoutingData(600, 11, Date.parse('2025-01-01T00:00:00Z'), Date.parse('2025-12-31T00:00:00Z'));
    const cell = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const lines = ['No,Tanggal,Isi Aduan,Kategori,Diteruskan ke'];
    rows.forEach((r, i) =>
      lines.push(
        [
          String(i + 1),
          r.reportedAt.slice(0, 10),
          cell(r.text),
          cell(r.category ?? ''),
          cell(units.get(r.opd)!.name),
        ].join(','),
      ),
    );
    // Left out of the score and counted: a "bukan wewenang" label and a blank one.
    lines.push(`601,2025-12-30,${cell('jalan rusak')},,${cell('Bukan Wewenang')}`);
    lines.push(`602,2025-12-30,${cell('lampu mati')},,`);
    const csv = join(dir, 'arsip.csv');
    writeFileSync(csv, `${lines.join('\n')}\n`);
    const config = join(dir, 'config.yaml');
    writeFileSync(
      config,
      stringify({
        sources: {
          arsip: {
            kind: 'file-import',
            poll: false,
            path: csv,
            columns: {
              number: 'No',
              reportedAt: 'Tanggal',
              text: 'Isi Aduan',
              category: 'Kategori',
              forwardedTo: 'Diteruskan ke',
            },
          },
        },
      }),
    );
    const run = await runCli(['-c', config, 'route-eval', csv, '--train-until', '2025-10-01'], {
      LAPOR_BRIDGE_LANG: 'id',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /baris: 602 · dilatih: \d+ · dinilai: \d+ · dikecualikan: 1 "bukan wewenang", 1 tanpa label/,
    );
    expect(run.stdout).toMatch(/teks \+ kategori\s+\d+\s+[\d.]+%\s+[\d.]+%/);
    const json = JSON.parse(
      (await runCli(['-c', config, 'route-eval', csv, '--train-until', '2025-10-01', '--json'], {})).stdout,
    ) as { counts: { train: number; test: number }; withCategory: { top3: number; n: number } };
    expect(json.counts.train + json.counts.test).toBe(600);
    expect(json.withCategory.n).toBe(json.counts.test);
    expect(json.withCategory.top3).toBeGreaterThan(0.7);

    const noDate = await runCli(['-c', config, 'route-eval', csv, '--train-until', '1/10/2025'], {
      LAPOR_BRIDGE_LANG: 'en',
    });
    expect(noDate.code).toBe(2);
    expect(noDate.stderr).toContain('--train-until is written YYYY-MM-DD');
  }, 180_000);
});
