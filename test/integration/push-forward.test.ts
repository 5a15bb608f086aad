import { describe, expect, it } from 'vitest';
import { complaintId } from '../../src/domain/complaint.js';
import { waitFor } from '../support/cli.js';
import { startTestPipeline } from '../support/pipeline.js';
import { startPushWorld, type PushWorld, stoppedAfterEach } from '../support/push-world.js';

const running = stoppedAfterEach();

interface SuperappComplaint {
  id: number;
  sp4n_id: string | null;
  is_secret: boolean;
  status: string;
}

/** Finished, failed or rejected in the super-app: closed at the source, never forwarded. */
const closedAtSource = (c: SuperappComplaint) => ['finished', 'failed', 'rejected'].includes(c.status);

function superappComplaints(w: PushWorld): SuperappComplaint[] {
  return (w.regional.state() as { superapp: { complaints: SuperappComplaint[] } }).superapp.complaints;
}

/** LAPOR reports created through the integration endpoint, by our client reference. */
function createdOnLapor(w: PushWorld): Map<string, string[]> {
  const byRef = new Map<string, string[]>();
  for (const id of w.lapor.visibleTrackingIds()) {
    const ref = w.lapor.report(id)?.clientRef as string | undefined;
    if (ref) byRef.set(ref, [...(byRef.get(ref) ?? []), id]);
  }
  return byRef;
}

describe('forwarding a regional complaint to LAPOR (real sandboxes, real Redis)', () => {
  it('creates it on LAPOR once and writes the tracking id back, through a LAPOR outage', async () => {
    running.world = await startPushWorld({
      regional: { counts: { wa: 0, superapp: 6, bupati: 0, open311: 0 }, seed: 5 },
      push: { forward: [{ from: 'superapp', to: 'lapor', unclassifiedAs: 'pengaduan' }] },
    });
    const fresh = superappComplaints(running.world).filter((c) => !c.sp4n_id && !closedAtSource(c));
    expect(fresh.length).toBeGreaterThan(0);
    running.world.lapor.faults.configure({ maintenance: { forSeconds: 2 } });
    running.pipe = await startTestPipeline({ file: running.world.configFile, env: running.world.env });

    await running.pipe.runtime.enqueuePoll('superapp', 'live', 'one');
    await waitFor(
      () => superappComplaints(running.world!).filter((c) => !c.sp4n_id && !closedAtSource(c)).length === 0,
      15_000,
      () =>
        `tracking ids written back\n${running
          .pipe!.logs.text()
          .split('\n')
          .filter((l) => /"level":[45]/.test(l))
          .slice(0, 8)
          .join('\n')}`,
    );

    const created = createdOnLapor(running.world);
    for (const c of fresh) {
      const refs = created.get(complaintId('superapp', String(c.id)));
      expect(refs, `complaint ${c.id}`).toHaveLength(1);
      expect(superappComplaints(running.world).find((s) => s.id === c.id)!.sp4n_id).toBe(refs![0]);
    }
    expect(created.size).toBe(fresh.length);
    // A second poll of the same complaints forwards nothing again.
    await running.pipe.runtime.enqueuePoll('superapp', 'live', 'two');
    await running.pipe.drain();
    expect(createdOnLapor(running.world).size).toBe(fresh.length);
  });
});
