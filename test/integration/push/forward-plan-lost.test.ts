import { describe, expect, it } from 'vitest';
import { complaintId } from '../../../src/domain/complaint.js';
import { waitFor } from '../../support/cli.js';
import { startTestPipeline, type TestPipeline } from '../../support/pipeline.js';
import { startPushWorld, type PushWorld, stoppedAfterEach } from '../../support/push-world.js';

const running = stoppedAfterEach();

async function superappComplaint(w: PushWorld, description: string) {
  const [record] = (await (
    await fetch(`${w.regional.url}/_sandbox/superapp/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ description }),
    })
  ).json()) as { id: number }[];
  const id = complaintId('superapp', String(record!.id));
  const onLapor = () => w.lapor.visibleTrackingIds().filter((t) => w.lapor.report(t)?.clientRef === id);
  return { id, recordId: record!.id, onLapor };
}

async function poll(p: TestPipeline, slot: string) {
  await p.runtime.enqueuePoll('superapp', 'live', slot);
  await p.drain(60_000);
}

/**
 * A page's ingest job written to the ledger and then lost before its push was planned (the
 * process killed twice during the job: BullMQ gives a stalled job up; here its one attempt
 * fails right after the write). What is still owed must be found from what the ledger keeps.
 * Counted on the LAPOR sandbox: the forward is made, once.
 */
describe('a forward whose planning was lost after the ledger write (real sandboxes, real Redis)', () => {
  async function loseThePlan(resettleAfterMs: number) {
    running.world = await startPushWorld({
      push: { forward: [{ from: 'superapp', to: 'lapor', unclassifiedAs: 'pengaduan' }] },
    });
    running.pipe = await startTestPipeline({
      file: running.world.configFile,
      env: {
        ...running.world!.env,
        LAPOR_BRIDGE__PIPELINE__ATTEMPTS__INGEST: '1',
        LAPOR_BRIDGE__PIPELINE__RESETTLE__AFTERMS: String(resettleAfterMs),
      },
    });
    const p = running.pipe;
    const complaint = await superappComplaint(
      running.world,
      'Lampu jalan di Dukuh Ngelo mati sejak dua minggu, gelap sekali.',
    );
    const plan = p.runtime.ingestDeps.afterPage!;
    p.runtime.ingestDeps.afterPage = () => Promise.reject(new Error('the process died here'));
    await p.runtime.enqueuePoll('superapp', 'live', 'one');
    await waitFor(async () => (await p.runtime.store.deadLetters.list()).length > 0, 30_000, 'the ingest job given up');
    expect(await p.runtime.store.ledger.get(complaint.id)).toMatchObject({ version: 1 });
    await p.drain(30_000);
    expect(complaint.onLapor()).toEqual([]);
    p.runtime.ingestDeps.afterPage = plan;
    return { p, w: running.world, ...complaint };
  }

  it('unchanged at the source (stopped at the door): the next poll ingests the page again, and LAPOR gets one report', async () => {
    const { p, onLapor } = await loseThePlan(0);
    await poll(p, 'two');
    await waitFor(() => onLapor().length > 0, 30_000, 'the forward on LAPOR');
    await poll(p, 'three');
    expect(onLapor()).toHaveLength(1);
  }, 120_000);

  it('changed at the source meanwhile: its second version is forwarded, once', async () => {
    const { p, w, id, recordId, onLapor } = await loseThePlan(3_600_000);
    await fetch(`${w.regional.url}/_sandbox/superapp/records/${recordId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        description: 'Lampu jalan di Dukuh Ngelo mati sejak dua minggu, gelap sekali. Mohon segera.',
      }),
    });
    await poll(p, 'two');
    expect(await p.runtime.store.ledger.get(id)).toMatchObject({ version: 2 });
    await waitFor(() => onLapor().length > 0, 30_000, 'the forward on LAPOR');
    await poll(p, 'three');
    expect(onLapor()).toHaveLength(1);
  }, 120_000);
});

/**
 * A forward given up (LAPOR answered 5xx past the give-up horizon: a dead letter) is made by
 * the complaint's next version, as an operator's resend would, whether or not BullMQ still
 * keeps the failed job under its fixed id. Counted on the LAPOR sandbox: one report.
 */
describe('a forward that was given up (real sandboxes, real Redis)', () => {
  it('is sent again when its complaint changes at the source, once, and its dead letter is cleared', async () => {
    running.world = await startPushWorld({
      push: {
        forward: [{ from: 'superapp', to: 'lapor', unclassifiedAs: 'pengaduan' }],
        backoffMs: [100],
        giveUpAfterMs: 1000,
      },
    });
    const w = running.world;
    running.pipe = await startTestPipeline({ file: w.configFile, env: w.env });
    const p = running.pipe;
    const { id, recordId, onLapor } = await superappComplaint(w, 'Saluran air di Jalan Pemuda tersumbat sampah.');
    w.lapor.faults.configure({ serverError: { rate: 1 } });
    await p.runtime.enqueuePoll('superapp', 'live', 'one');
    await waitFor(
      async () => (await p.runtime.store.deadLetters.list()).some(([, d]) => d.data.complaintId === id),
      30_000,
      'the forward given up',
    );
    w.lapor.faults.reset();
    await p.drain(30_000);
    expect(onLapor()).toEqual([]);

    await fetch(`${w.regional.url}/_sandbox/superapp/records/${recordId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ description: 'Saluran air di Jalan Pemuda tersumbat sampah, air meluap ke jalan.' }),
    });
    await poll(p, 'two');
    await waitFor(() => onLapor().length > 0, 30_000, 'the forward on LAPOR');
    await waitFor(
      async () => (await p.runtime.store.deadLetters.list()).length === 0,
      30_000,
      'the dead letter cleared',
    );
    await poll(p, 'three');
    expect(onLapor()).toHaveLength(1);
  }, 120_000);
});
