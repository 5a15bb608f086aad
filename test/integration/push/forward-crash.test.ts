import { describe, expect, it } from 'vitest';
import { complaintId } from '../../../src/domain/complaint.js';
import { waitFor } from '../../support/cli.js';
import { startTestPipeline, type TestPipeline } from '../../support/pipeline.js';
import { startPushWorld, type PushWorld, stoppedAfterEach } from '../../support/push-world.js';

const running = stoppedAfterEach();

/** A super-app complaint forwarded to LAPOR by rule, and where its LAPOR tracking id is read back. */
async function superappComplaint(w: PushWorld, description: string) {
  const [record] = (await (
    await fetch(`${w.regional.url}/_sandbox/superapp/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ description }),
    })
  ).json()) as { id: number }[];
  const sp4nId = () =>
    (
      w.regional.state() as { superapp: { complaints: { id: number; sp4n_id: string | null }[] } }
    ).superapp.complaints.find((c) => c.id === record!.id)!.sp4n_id;
  const id = complaintId('superapp', String(record!.id));
  const onLapor = () => w.lapor.visibleTrackingIds().filter((t) => w.lapor.report(t)?.clientRef === id);
  return { id, sp4nId, onLapor };
}

async function start(): Promise<{ w: PushWorld; p: TestPipeline }> {
  running.world = await startPushWorld({
    push: { forward: [{ from: 'superapp', to: 'lapor', unclassifiedAs: 'pengaduan' }] },
  });
  running.pipe = await startTestPipeline({ file: running.world.configFile, env: running.world.env });
  return { w: running.world, p: running.pipe };
}

describe('a forward that dies half-way (real sandboxes, real Redis)', () => {
  it('dies between "sent" and the cross-reference: retried into one LAPOR report, one tracking id on the regional record, and one case with the LAPOR copy', async () => {
    const { w, p } = await start();
    const { id, sp4nId, onLapor } = await superappComplaint(
      w,
      'Jembatan kayu di Dukuh Krajan lapuk dan berbahaya dilewati anak sekolah.',
    );
    // Dedup would join the two by their text anyway: without it, only the cross-reference can.
    delete p.runtime.ingestDeps.dedup;
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
    await waitFor(() => sp4nId() !== null, 30_000, 'the tracking id written back');
    expect(crashed).toBe(true);

    // Ground truth: one report on LAPOR for this complaint, and its id on the regional record.
    expect(onLapor()).toHaveLength(1);
    expect(sp4nId()).toBe(onLapor()[0]);
    // And the two records are one case.
    const copy = await ledger.get((await ledger.idOf('lapor', onLapor()[0]!))!);
    await waitFor(
      async () => (await ledger.get(id))!.caseId === (await ledger.get(copy!.id))!.caseId,
      10_000,
      'the LAPOR copy in the super-app complaint’s case',
    );
    expect((await ledger.caseMembers((await ledger.get(id))!.caseId)).sort()).toEqual([copy!.id, id].sort());
  }, 90_000);

  it('dies between the create and "sent", its copy pulled into the case meanwhile: the retry completes it, never skips it as "case already there"', async () => {
    const { w, p } = await start();
    const { id, sp4nId, onLapor } = await superappComplaint(w, 'Saluran air di depan SDN 2 Kunduran tersumbat sampah.');
    const { ledger, sendStates } = p.runtime.store;

    // A process killed right after LAPOR created the report records neither "sent" nor a
    // failure. Before the retry, LAPOR's poll brings the copy in and dedup joins it (same text).
    const sent = sendStates.sent.bind(sendStates);
    const failed = sendStates.failed.bind(sendStates);
    let crashed = false;
    sendStates.sent = async (scope, field, remoteId, at) => {
      if (crashed || scope !== id) return sent(scope, field, remoteId, at);
      crashed = true;
      await p.runtime.enqueuePoll('lapor', 'live', 'copy');
      await waitFor(
        async () => {
          const copy = await ledger.idOf('lapor', remoteId);
          return copy !== undefined && (await ledger.get(copy))!.caseId === (await ledger.get(id))!.caseId;
        },
        20_000,
        'the LAPOR copy in the case',
      );
      sendStates.failed = async (...args) => {
        sendStates.failed = failed;
        return (await sendStates.get(args[0], args[1]))!;
      };
      throw new Error('the process died here');
    };

    await p.runtime.enqueuePoll('superapp', 'live', 'one');
    await waitFor(() => sp4nId() !== null, 30_000, 'the tracking id written back');
    expect(crashed).toBe(true);
    expect(onLapor()).toHaveLength(1);
    expect(sp4nId()).toBe(onLapor()[0]);
  }, 90_000);
});
