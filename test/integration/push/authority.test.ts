import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { complaintId } from '../../../src/domain/complaint.js';
import { TEST_REDIS_URL } from '../../support/redis.js';
import { runCli, waitFor } from '../../support/cli.js';
import { startTestPipeline } from '../../support/pipeline.js';
import { startPushWorld, stoppedAfterEach } from '../../support/push-world.js';

/**
 * The daemon decides who may answer: the CLI writes through the same service and rules as
 * the API, under the rules the daemon published, whatever `-c` file it is given. Counted on
 * what LAPOR holds.
 */
const running = stoppedAfterEach();

describe('who may answer a complaint (daemon rules, real CLI, real LAPOR sandbox)', () => {
  it("refuses an unknown OPD with the list, an OPD that is not the complaint's, a writer's own approval rules; a rejected draft never leaves", async () => {
    running.world = await startPushWorld();
    const w = running.world;
    const trackingId = w.lapor.addReport({ disposed: true });
    w.lapor.act(trackingId, { action: 'proses', unit: 'Dinas Pendidikan', note: 'Diproses unit kerja.' });
    running.pipe = await startTestPipeline({ file: w.configFile, env: w.env });
    const { runtime } = running.pipe;
    // The daemon's rules: every answer needs approval.
    await runtime.publishAuthority();
    await runtime.enqueuePoll('lapor', 'live', 'a');
    await running.pipe.drain();
    const complaint = complaintId('lapor', trackingId);
    expect((await runtime.store.ledger.get(complaint))!.opd?.code).toBeDefined();

    // A writer with a file of its own that waives approval for two OPDs: it decides nothing.
    const writerFile = join(dirname(w.configFile), 'writer.yaml');
    const daemonConfig = parse(readFileSync(w.configFile, 'utf8')) as { push: Record<string, unknown> };
    writeFileSync(
      writerFile,
      stringify({
        ...daemonConfig,
        push: {
          ...daemonConfig.push,
          approval: { required: false, opds: { dinkes: false, disdik: false } },
        },
      }),
    );
    const env = {
      ...w.env,
      REDIS_URL: TEST_REDIS_URL,
      LAPOR_BRIDGE__REDIS__KEYPREFIX: running.pipe.redis.prefix,
      LAPOR_BRIDGE__INSTANCE__LANGUAGE: 'id',
    };
    const cli = (...args: string[]) => runCli(['-c', writerFile, 'responses', ...args], env);
    // The commands act as accounts of the same accounts as the pages and the API.
    await runtime.accounts.add(
      { username: 'tono', role: 'opd_staff', opd: 'disdik', password: 'staf-disdik-pass' },
      't',
    );
    await runtime.accounts.add(
      { username: 'kadisdik', role: 'opd_head', opd: 'disdik', password: 'kepala-disdik-1' },
      't',
    );
    await runtime.accounts.add(
      { username: 'kadinkes', role: 'opd_head', opd: 'dinkes', password: 'kepala-dinkes-1' },
      't',
    );

    const unknown = await cli(
      'add',
      '--complaint',
      complaint,
      '--text',
      'Jawaban dari OPD fiktif.',
      '--as',
      'tono',
      '--opd',
      'Dinas Antah Berantah',
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('bukan OPD di direktori');
    expect(unknown.stderr).toContain('Dinas Pendidikan');
    expect(unknown.stderr).toContain('Dinas Kesehatan');

    // Its own OPD may sign; the writer's "no approval needed" does not count: a draft.
    const own = await cli(
      'add',
      '--complaint',
      complaint,
      '--text',
      'Ruang kelas akan diperbaiki bulan depan.',
      '--as',
      'tono',
    );
    expect(own.code, own.stderr).toBe(0);
    expect(own.stdout).toContain('draf');
    const draftId = /^(r-[0-9a-f]+):/m.exec(own.stdout)![1]!;

    // Another OPD may not sign it, through any door (the service is the API's and the CLI's).
    await expect(
      runtime.push.addResponse({
        complaintId: complaint,
        text: 'Jawaban Dinas Kesehatan untuk sekolah.',
        by: 'Tono',
        opd: 'Dinas Kesehatan',
      }),
    ).rejects.toMatchObject({ code: 'not_assigned', detail: { known: expect.arrayContaining(['Dinas Pendidikan']) } });

    // Staff do not approve; the head of another OPD may not decide this complaint's draft.
    const byStaff = await cli('approve', draftId, '--as', 'tono');
    expect(byStaff.code).toBe(1);
    expect(byStaff.stderr).toContain('akun "tono" (peran opd_staff) tidak boleh melakukan ini');
    const otherHead = await runCli(['-c', writerFile, 'responses', 'approve', draftId], {
      ...env,
      LAPOR_BRIDGE_USER: 'kadinkes',
    });
    expect(otherHead.code).toBe(1);
    expect(otherHead.stderr).toContain(`akun "kadinkes" tidak boleh melakukan ini pada aduan ${complaint}`);
    expect((await runtime.push.responses.get(draftId))!.state).toBe('draft');

    const rejected = await cli('reject', draftId, '--as', 'kadisdik', '--reason', 'Jadwal belum pasti');
    expect(rejected.code, rejected.stderr).toBe(0);
    expect(await runtime.push.responses.get(draftId)).toMatchObject({
      state: 'rejected',
      by: 'tono',
      rejectedBy: 'kadisdik',
      rejectReason: 'Jadwal belum pasti',
    });
    // The list says the state in the operator's words; its filter takes the code.
    const listed = await cli('list', '--state', 'rejected');
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${draftId}\\s.*\\sditolak\\s`, 'm'));
    expect(listed.stdout).not.toMatch(/\srejected\s/);
    const trail = (await runtime.redis.xrange(runtime.store.keys.audit(), '-', '+')).map(([, f]) => {
      const at = (name: string) => f[f.indexOf(name) + 1];
      return `${at('who')} ${at('what')}`;
    });
    expect(trail).toEqual(expect.arrayContaining(['officer:tono answer_drafted', 'officer:kadisdik answer_rejected']));
    await expect(runtime.push.approve(draftId, 'kadisdik')).rejects.toMatchObject({ code: 'rejected' });

    // A superior unit may sign; it still waits for approval, then reaches LAPOR once.
    const superior = await runtime.push.addResponse({
      complaintId: complaint,
      text: 'Pemerintah kabupaten memantau perbaikan ruang kelas.',
      by: 'Sari',
      opd: 'Pemkab Blora',
    });
    expect(superior).toMatchObject({ state: 'draft', opd: 'Pemerintah Kabupaten Blora' });
    await runtime.push.approve(superior.id, 'Sekda');
    const notes = () => (w.lapor.report(trackingId)!.timeline as { note?: string }[]).map((e) => String(e.note ?? ''));
    await waitFor(() => notes().some((n) => n.includes('memantau perbaikan')), 15_000, 'the approved answer on LAPOR');
    for (const text of ['OPD fiktif', 'untuk sekolah', 'bulan depan'])
      expect(
        notes().filter((n) => n.includes(text)),
        text,
      ).toHaveLength(0);
    expect(notes().filter((n) => n.includes('memantau perbaikan'))).toHaveLength(1);
  }, 240_000);

  it('a command refuses to write an answer when no daemon has published its rules', async () => {
    running.world = await startPushWorld();
    running.pipe = await startTestPipeline({ file: running.world.configFile, env: running.world.env, workers: false });
    await running.pipe.runtime.accounts.add({ username: 'ops', role: 'admin', password: 'operator-password-1' }, 't');
    const run = await runCli(
      ['-c', running.world.configFile, 'responses', 'add', '--complaint', 'c-x', '--text', 'x', '--as', 'ops'],
      {
        ...running.world!.env,
        REDIS_URL: TEST_REDIS_URL,
        LAPOR_BRIDGE__REDIS__KEYPREFIX: running.pipe.redis.prefix,
        LAPOR_BRIDGE__INSTANCE__LANGUAGE: 'id',
      },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('belum ada daemon yang menerbitkan aturannya');
  });
});
