import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../../src/connectors/file-import/index.js';
import { createConnector } from '../../../src/connectors/registry.js';
import { loadConfig } from '../../../src/config/load.js';
import { ImportUsageError, runImport } from '../../../src/cli/import-run.js';
import { defaultRejectsPath, writeRejects } from '../../../src/cli/import-rejects.js';
import { Lifecycle } from '../../../src/lifecycle/lifecycle.js';
import { acceptRecords } from '../../../src/pipeline/accept.js';
import { pollLockName } from '../../../src/pipeline/poll.js';
import { openRuntime, type Runtime } from '../../../src/app/runtime.js';
import { complaintId } from '../../../src/domain/complaint.js';
import { captureLogger } from '../../support/logger.js';
import { TEST_REDIS_URL, testRedis, type TestRedis } from '../../support/redis.js';
import { exportRows, HEADER, importConfig, workDir, writeCsv } from './support.js';

let redis: TestRedis | undefined;
const lifecycles: Lifecycle[] = [];
afterEach(async () => {
  for (const l of lifecycles.splice(0)) await l.stop(10_000);
  await redis?.cleanup();
  redis = undefined;
});

/** A fresh runtime per command run, as each `lapor-bridge import` is its own process. */
async function command(
  config: string,
  env: Record<string, string> = {},
): Promise<{ runtime: Runtime; lifecycle: Lifecycle }> {
  redis ??= await testRedis('imprun');
  const logs = captureLogger('warn');
  const lifecycle = new Lifecycle(logs.logger);
  lifecycles.push(lifecycle);
  const runtime = await openRuntime(
    loadConfig({
      file: config,
      env: { REDIS_URL: TEST_REDIS_URL, LAPOR_BRIDGE__REDIS__KEYPREFIX: redis.prefix, ...env },
    }),
    logs.logger,
    lifecycle,
  );
  return { runtime, lifecycle };
}

async function importFile(config: string, file: string, extra: { restart?: boolean } = {}) {
  const ctx = await command(config);
  const starts: { resumed: boolean; finishedAt?: string }[] = [];
  const outcome = await runImport(ctx, { channel: 'arsip', file, ...extra, onStart: (s) => starts.push(s) });
  return { outcome, start: starts[0]!, runtime: ctx.runtime };
}

describe('import command (in process, real Redis)', () => {
  it('parks an interrupted file when another is imported, resumes it later, and both summaries stay exact', async () => {
    const dir = workDir();
    const config = importConfig(dir, { pageSize: 3 });
    const a = join(dir, 'rekap-a.csv');
    const b = join(dir, 'rekap-b.csv');
    writeCsv(a, exportRows(10), 'utf-8');
    writeCsv(b, exportRows(12).slice(10), 'utf-8');

    // What a run killed after its second page leaves: 6 rows counted and accepted, the cursor saved.
    const first = await command(config);
    const fpA = await fingerprintOf(a);
    const records = await pullPages(first.runtime, a, 2);
    await first.runtime.store.importTally('arsip', fpA).record(records);
    await acceptRecords(first.runtime.pollDeps, 'arsip', records);
    await first.runtime.store.cursors.set('arsip', 'import', `rows.6.${fpA}`);

    const other = await importFile(config, b);
    expect(other.outcome).toMatchObject({
      outcome: 'done',
      resumed: false,
      tally: { rows: 2, imported: 2, known: 0, repeated: 0, rejected: 0 },
    });

    const resumed = await importFile(config, a);
    expect(resumed.start.resumed).toBe(true);
    expect(resumed.outcome).toMatchObject({
      outcome: 'done',
      notInLedger: 0,
      tally: { rows: 10, imported: 10, known: 0, repeated: 0, rejected: 0 },
    });
    expect(await resumed.runtime.store.ledger.count()).toBe(12);
  });

  it('says when a file was imported completely; --restart counts it again, as duplicates', async () => {
    const dir = workDir();
    const config = importConfig(dir);
    const file = join(dir, 'rekap.csv');
    writeCsv(file, exportRows(1200));
    const done = (await importFile(config, file)).outcome;
    expect(done).toMatchObject({ outcome: 'done', tally: { rows: 1200, imported: 1198, repeated: 1, rejected: 1 } });

    const again = await importFile(config, file);
    expect(again.start).toMatchObject({ resumed: true, finishedAt: done.tally.finishedAt });
    expect(again.outcome.tally).toMatchObject({ rows: 1200, imported: 1198, known: 0, repeated: 1, rejected: 1 });

    const restarted = (await importFile(config, file, { restart: true })).outcome;
    expect(restarted.tally).toMatchObject({ rows: 1200, imported: 0, known: 1198, repeated: 1, rejected: 1 });
  });

  it('writes rejected rows as CSV the same column mapping reads again, once fixed', async () => {
    const dir = workDir();
    const config = importConfig(dir);
    const file = join(dir, 'rekap.csv');
    writeCsv(file, exportRows(3000), 'windows-1252');
    const { outcome } = await importFile(config, file);
    const rejects = await outcome.rejects();
    expect(rejects.map((r) => [r.row, r.reason])).toEqual([
      [1000, 'row 1000: missing text'],
      [2000, 'row 2000: missing text'],
      [3000, 'row 3000: missing text'],
    ]);
    const path = defaultRejectsPath(file);
    expect(path).toBe(join(dir, 'rekap.rejects.csv'));
    await writeRejects(path, rejects);
    const text = readFileSync(path, 'utf8');
    expect(text.split('\r\n')[0]).toBe(`\uFEFFrow,reason,${HEADER.filter((h) => h !== 'Isi Aduan').join(',')}`);

    // The operator fills in the text and imports the rejects file through the same channel.
    writeFileSync(
      path,
      text
        .replace(/^\uFEFFrow,reason,No,Tanggal,Nama Pelapor,/, '\uFEFFrow,reason,No,Tanggal,Nama Pelapor,Isi Aduan,')
        .replace(/(\r\n\d+,row \d+: missing text,\d+,[^,]+,Pelapor \d+,)/g, '$1Jalan rusak (diisi ulang),'),
    );
    const fixed = (await importFile(config, path)).outcome;
    expect(fixed.tally).toMatchObject({ rows: 3, imported: 3, rejected: 0 });
  });

  it('reads a header over two rows, records history as delivered answers without drafts or triage, and takes its rejects file back with every column', async () => {
    const dir = workDir();
    const columns = {
      number: 'No',
      reportedAt: 'Tanggal',
      text: 'Aduan Isi',
      reply: 'Tanggapan Isi',
      repliedAt: 'Tanggapan Tanggal',
      status: 'Status',
    };
    const config = importConfig(dir, {
      headerRow: [1, 2],
      dataStartRow: 3,
      columns,
      statusMap: { Selesai: 'closed' },
      defaultStatus: 'received',
      defaultClassification: 'pengaduan',
      dateFormats: ['DD/MM/YYYY hh:mm A'],
    });
    const file = join(dir, 'rekap.csv');
    const rows = [
      'No;Tanggal;Aduan;Tanggapan;;Status',
      ';;Isi;Isi;Tanggal;',
      '1;03/01/2023 02:15 PM;Jalan rusak;Sudah diperbaiki;05/01/2023 09:00 AM;Selesai',
      '2;04/01/2023 08:00 AM;;;;',
      '3;kemarin;Lampu mati;;;',
    ];
    writeFileSync(file, rows.join('\r\n'));
    const { outcome, runtime } = await importFile(config, file);
    expect(outcome.tally).toMatchObject({ rows: 3, imported: 1, rejected: 2 });

    // The old reply is an answer already delivered: approved without anyone, sent where it came from, never queued.
    const complaint = (await runtime.store.ledger.get(complaintId('arsip', '1')))!;
    expect(complaint).toMatchObject({
      historical: true,
      status: 'closed',
      classification: 'pengaduan',
      reportedAt: '2023-01-03T07:15:00.000Z',
    });
    const answers = await runtime.push.responses.ofCase(complaint.caseId);
    expect(answers).toMatchObject([
      { state: 'approved', historical: true, text: 'Sudah diperbaiki', at: '2023-01-05T02:00:00.000Z' },
    ]);
    expect(await runtime.push.sendStates.all(answers[0]!.id)).toMatchObject({
      'answer|arsip|1': { state: 'sent', sentAt: '2023-01-05T02:00:00.000Z' },
    });
    expect(await runtime.store.triage.size()).toBe(0);
    expect(await runtime.queues.push.getJobCounts('waiting', 'delayed', 'active')).toEqual({
      waiting: 0,
      delayed: 0,
      active: 0,
    });

    // The rejects file keeps every column of the export, also those empty in every rejected row.
    const path = defaultRejectsPath(file);
    await writeRejects(path, await outcome.rejects(), outcome.columns);
    const text = readFileSync(path, 'utf8');
    expect(text.split('\r\n')[0]).toBe('\uFEFFrow,reason,No,Tanggal,Aduan Isi,Tanggapan Isi,Tanggapan Tanggal,Status');
    // Fixed in a spreadsheet, it goes back through the same channel, whose export has two header rows.
    writeFileSync(
      path,
      text
        .replace(',2,04/01/2023 08:00 AM,,', ',2,04/01/2023 08:00 AM,Saluran mampet,')
        .replace(',kemarin,', ',06/01/2023 10:00 AM,'),
    );
    const fixed = (await importFile(config, path)).outcome;
    expect(fixed.tally).toMatchObject({ rows: 2, imported: 2, rejected: 0 });
  });

  it('applies the one encoding rule at the entrance: repairable mojibake is repaired, C1 controls are rejected and counted as such', async () => {
    const dir = workDir();
    const config = importConfig(dir);
    const file = join(dir, 'rekap.csv');
    const mojibake = Buffer.from('Jalan “rusak” — café', 'utf8').toString('latin1');
    writeFileSync(
      file,
      [
        'No;Tanggal;Nama Pelapor;Isi Aduan;Kategori;Diteruskan ke;Status',
        `1;03/01/2023 10:00;Sri;${mojibake};Jalan;DPUPR;Selesai`,
        '2;03/01/2023 11:00;Bu\u0092di;Lampu mati;Jalan;DPUPR;Selesai',
      ].join('\r\n'),
    );
    const { outcome, runtime } = await importFile(config, file);
    expect(outcome.tally).toMatchObject({ rows: 2, imported: 1, rejected: 1 });
    expect((await runtime.store.ledger.get(complaintId('arsip', '1')))?.body).toBe('Jalan “rusak” — café');
    expect((await outcome.rejects()).map((r) => r.reason)).toEqual([
      expect.stringMatching(/^reporter\.name: broken encoding: .*C1/) as string,
    ]);
  });

  it('leaves a live import of the same channel alone: waits out the lease, then skips without touching its position', async () => {
    const dir = workDir();
    const config = importConfig(dir);
    const file = join(dir, 'rekap.csv');
    writeCsv(file, exportRows(10));
    const ctx = await command(config, { LAPOR_BRIDGE__PIPELINE__POLLLOCKMS: '1000' });
    const { store, redis } = ctx.runtime;
    await redis.set(store.keys.lock(pollLockName('arsip', 'import')), 'someone-else', 'PX', 10_000);
    await store.cursors.set('arsip', 'import', 'rows.40.fedcba9876543210');
    const waits: number[] = [];
    const outcome = await runImport(ctx, { channel: 'arsip', file, onWait: (ms) => waits.push(ms) });
    expect(outcome.outcome).toBe('skipped');
    expect(waits).toHaveLength(1);
    expect(await store.cursors.get('arsip', 'import')).toBe('rows.40.fedcba9876543210');
    expect(await store.ledger.count()).toBe(0);
  });

  it.each([
    ['an unknown channel', 'nothing', /no source named "nothing" \(file-import sources: arsip\)/],
    ['a channel of another kind', 'lapor', /has kind lapor; import reads files into a file-import source/],
  ])('refuses %s', async (_label, channel, message) => {
    const dir = workDir();
    const config = importConfig(dir);
    writeFileSync(
      config,
      `${readFileSync(config, 'utf8')}  lapor:\n    kind: lapor\n    baseUrl: http://127.0.0.1:9\n    tokenEnv: LAPOR_TOKEN\n    instansiId: "3316"\n`,
    );
    // In English by choice (Indonesian is the default).
    const ctx = await command(config, { LAPOR_TOKEN: 'unused', LAPOR_BRIDGE__INSTANCE__LANGUAGE: 'en' });
    await expect(runImport(ctx, { channel, file: join(dir, 'x.csv') })).rejects.toThrow(message);
  });

  it('refuses a file whose header lacks a configured column, naming it, before reading a row', async () => {
    const dir = workDir();
    const config = importConfig(dir);
    const file = join(dir, 'lain.csv');
    writeFileSync(file, 'Nomor;Waktu;Pesan\n1;01/01/2023;halo\n');
    const ctx = await command(config);
    const error = await runImport(ctx, { channel: 'arsip', file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportUsageError);
    expect((error as Error).message).toContain('columns not found: text ("Isi Aduan"), reportedAt ("Tanggal")');
    expect(await ctx.runtime.store.cursors.get('arsip', 'import')).toBeNull();
  });
});

/** The records of a file's first pages, as a run that was killed after them had read. */
async function pullPages(runtime: Runtime, file: string, pages: number) {
  const source = { ...runtime.config.sources.arsip!, path: file };
  const connector = createConnector(source, {
    name: 'arsip',
    logger: runtime.logger,
    clock: runtime.clock,
    secret: () => undefined,
  });
  const records = [];
  let cursor: string | null = null;
  for (let i = 0; i < pages; i++) {
    const page = await connector.pull(cursor);
    records.push(...page.records);
    cursor = page.nextCursor;
  }
  await connector.close();
  return records;
}
