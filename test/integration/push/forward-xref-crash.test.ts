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

describe('a forward that dies between "sent" and the cross-reference (real sandboxes, real Redis)', () => {
  it('is retried into one LAPOR report, one tracking id on the regional record, and one case with the LAPOR copy', async () => {
    world = await startPushWorld({
      push: { forward: [{ from: 'superapp', to: 'lapor', unclassifiedAs: 'pengaduan' }] },
    });
    const w = world;
    const [record] = (await (
      await fetch(`${w.regional.url}/_sandbox/superapp/records`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          description: 'Jembatan kayu di Dukuh Krajan lapuk dan berbahaya dilewati anak sekolah.',
        }),
      })
    ).json()) as { id: number }[];
    const id = complaintId('superapp', String(record!.id));
    pipe = await startTestPipeline({ file: w.configFile, env: w.env });
    // Dedup would join the two by their text anyway: without it, only the cross-reference can.
    delete pipe.runtime.ingestDeps.dedup;
    const p = pipe;
    const { ledger } = p.runtime.store;

    // The forward job dies right after LAPOR's create is recorded as sent, before the
    // cross-reference is written; while it waits for its retry, LAPOR's own poll brings the
    // copy in, which then has no way of knowing it belongs with the super-app complaint.
    const addReference = ledger.addReference.bind(ledger);
    let crashed = false;
    ledger.addReference = async (system, externalId, complaint) => {
      if (crashed) return addReference(system, externalId, complaint);
      crashed = true;
      await p.runtime.enqueuePoll('lapor', 'live', 'copy');
      await waitFor(async () => (await ledger.idOf('lapor', externalId)) !== undefined, 20_000, 'the LAPOR copy');
      throw new Error('the process died here');
    };

    await p.runtime.enqueuePoll('superapp', 'live', 'one');
    const sp4nId = () =>
      (
        w.regional.state() as { superapp: { complaints: { id: number; sp4n_id: string | null }[] } }
      ).superapp.complaints.find((c) => c.id === record!.id)!.sp4n_id;
    await waitFor(() => sp4nId() !== null, 30_000, 'the tracking id written back');
    expect(crashed).toBe(true);

    // Ground truth: one report on LAPOR for this complaint, and its id on the regional record.
    const onLapor = w.lapor.visibleTrackingIds().filter((t) => w.lapor.report(t)?.clientRef === id);
    expect(onLapor).toHaveLength(1);
    expect(sp4nId()).toBe(onLapor[0]);
    // And the two records are one case.
    const copy = await ledger.get((await ledger.idOf('lapor', onLapor[0]!))!);
    await waitFor(
      async () => (await ledger.get(id))!.caseId === (await ledger.get(copy!.id))!.caseId,
      10_000,
      'the LAPOR copy in the super-app complaint’s case',
    );
    expect((await ledger.caseMembers((await ledger.get(id))!.caseId)).sort()).toEqual([copy!.id, id].sort());
  }, 90_000);
});
