import { describe, expect, it } from 'vitest';
import type { PushJob } from '../../../src/domain/push-job.js';
import { complaintId } from '../../../src/domain/complaint.js';
import { waitFor } from '../../support/cli.js';
import { startTestPipeline } from '../../support/pipeline.js';
import { startPushWorld, stoppedAfterEach } from '../../support/push-world.js';

const running = stoppedAfterEach();

type WaState = { handlings: Record<string, { trackingId: string | null; kesimpulan: { text: string }[] }> };

describe('answers jobs (real sandboxes, real Redis)', () => {
  it('are queued for the records of a case an answer can go to, never for the record every answer came from', async () => {
    running.world = await startPushWorld();
    const w = running.world;
    const trackingId = w.lapor.addReport({ disposed: true });
    w.lapor.act(trackingId, { action: 'proses', unit: 'Dinas PUPR' });
    // An officer answering in LAPOR itself (the instansi's own account), not through the bridge.
    const answerOnLapor = async (text: string) => {
      const res = await fetch(`${w.lapor.url}/api/v1/laporan/${trackingId}/tindak-lanjut`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-Lapor-Token': w.lapor.token },
        body: JSON.stringify({ isi: text, oleh: 'Admin Dinas PUPR' }),
      });
      expect(res.status).toBeLessThan(300);
    };
    await answerOnLapor('Jalan sudah ditambal oleh tim UPT Jalan.');
    const wa = await fetch(`${w.regional.url}/_sandbox/wa/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ handling: { trackingId, status: 'Proses OPD Terkait' } }),
    });
    expect(wa.status).toBeLessThan(300);
    running.pipe = await startTestPipeline({ file: w.configFile, env: w.env });
    const { runtime } = running.pipe;
    for (const source of ['lapor', 'wadesk']) {
      await runtime.enqueuePoll(source, 'live', `first-${source}`);
      await running.pipe.drain();
    }
    const answersJobs = async () =>
      (await runtime.queues.push.getJobs(['completed', 'failed', 'waiting', 'active', 'delayed'])).filter(
        (j) => (j.data as PushJob).kind === 'answers',
      ).length;
    const jobsBefore = await answersJobs();
    // Two more answers on LAPOR, pulled in one poll while the LAPOR record shares its case with the WhatsApp one.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await answerOnLapor('Perbaikan permanen dijadwalkan bulan depan.');
    await answerOnLapor('Material aspal sudah dipesan.');
    await runtime.enqueuePoll('lapor', 'live', 'second-lapor');
    await running.pipe.drain();
    await waitFor(
      async () =>
        Object.values(await runtime.queues.push.getJobCounts('waiting', 'active', 'delayed', 'prioritized')).every(
          (n) => n === 0,
        ),
      30_000,
      'pushes to finish',
    );
    const laporId = complaintId('lapor', trackingId);
    const caseId = (await runtime.store.ledger.get(laporId))!.caseId;
    expect(await runtime.store.ledger.caseMembers(caseId)).toHaveLength(2);
    const answers = (await runtime.push.responses.ofCase(caseId)).filter((a) => a.state === 'approved');
    expect(answers.map((a) => a.origin?.source)).toEqual(['lapor', 'lapor', 'lapor']);
    // The record's answers of one poll make one job for the desk, which delivers them all.
    expect((await answersJobs()) - jobsBefore).toBe(1);
    const desk = Object.values((w.regional.state().wa as WaState).handlings).find((h) => h.trackingId === trackingId);
    expect(desk?.kesimpulan.map((k) => k.text)).toEqual([
      'Jalan sudah ditambal oleh tim UPT Jalan.',
      'Perbaikan permanen dijadwalkan bulan depan.',
      'Material aspal sudah dipesan.',
    ]);

    const jobs = (await runtime.queues.push.getJobs(['completed', 'failed', 'waiting', 'active', 'delayed']))
      .map((j) => j.data as PushJob)
      .filter((job) => job.kind === 'answers');
    const targets = new Set(jobs.map((job) => (job.kind === 'answers' ? job.target.system : '')));
    expect(targets.has('lapor')).toBe(false);
    expect(targets.has('wadesk')).toBe(true);
    const sent = await runtime.store.sendStates.all(answers[0]!.id);
    expect(Object.keys(sent).some((field) => field.includes('wadesk'))).toBe(true);
  });
});
