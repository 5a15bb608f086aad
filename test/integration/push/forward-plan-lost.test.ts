import { afterEach, describe, expect, it } from 'vitest';
import { complaintId } from '../../../src/domain/complaint.js';
import { waitFor } from '../../support/cli.js';
import { startTestPipeline, type TestPipeline } from '../../support/pipeline.js';
import { startPushWorld, type PushWorld } from '../../support/push-world.js';

let world: PushWorld | undefined;
let pipe: TestPipeline | undefined;
afterEach(async () => {
  await pipe?.stop();
  await world?.close();
  pipe = world = undefined;
});

/**
 * A page's ingest job written to the ledger and then lost before its push was planned (the
 * process killed twice during the job: BullMQ gives a stalled job up; here, its one attempt
 * fails right after the write). The record is unchanged at the source, so the next poll stops
 * it at the door: what is still to be done for it must be found from what the ledger keeps.
 * Counted on the LAPOR sandbox: the forward is made, once.
 */
describe('a forward whose planning was lost after the ledger write (real sandboxes, real Redis)', () => {
  it('is planned by a later poll of the source, and LAPOR gets one report', async () => {
    world = await startPushWorld({
      push: { forward: [{ from: 'superapp', to: 'lapor', unclassifiedAs: 'pengaduan' }] },
    });
    pipe = await startTestPipeline({
      file: world.configFile,
      env: {
        ...world.env,
        LAPOR_BRIDGE__PIPELINE__ATTEMPTS__INGEST: '1',
        LAPOR_BRIDGE__PIPELINE__RESETTLE__AFTERMS: '0',
      },
    });
    const p = pipe;
    const [record] = (await (
      await fetch(`${world.regional.url}/_sandbox/superapp/records`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ description: 'Lampu jalan di Dukuh Ngelo mati sejak dua minggu, gelap sekali.' }),
      })
    ).json()) as { id: number }[];
    const id = complaintId('superapp', String(record!.id));
    const onLapor = () => world!.lapor.visibleTrackingIds().filter((t) => world!.lapor.report(t)?.clientRef === id);

    const plan = p.runtime.ingestDeps.afterPage!;
    p.runtime.ingestDeps.afterPage = () => Promise.reject(new Error('the process died here'));
    await p.runtime.enqueuePoll('superapp', 'live', 'one');
    await waitFor(async () => (await p.runtime.store.deadLetters.list()).length > 0, 30_000, 'the ingest job given up');
    expect(await p.runtime.store.ledger.get(id)).toBeDefined();
    await p.drain(30_000);
    expect(onLapor()).toEqual([]);

    p.runtime.ingestDeps.afterPage = plan;
    await p.runtime.enqueuePoll('superapp', 'live', 'two');
    await p.drain(60_000);
    await waitFor(() => onLapor().length > 0, 30_000, 'the forward on LAPOR');
    await p.runtime.enqueuePoll('superapp', 'live', 'three');
    await p.drain(60_000);
    expect(onLapor()).toHaveLength(1);
  }, 120_000);
});
