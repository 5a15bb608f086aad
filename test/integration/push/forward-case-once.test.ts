import { describe, expect, it } from 'vitest';
import { complaintId } from '../../../src/domain/complaint.js';
import { waitFor } from '../../support/cli.js';
import { Lifecycle } from '../../../src/lifecycle/lifecycle.js';
import { startIngestWorker, startPollWorker, startPushWorker } from '../../../src/app/workers/index.js';
import { startTestPipeline } from '../../support/pipeline.js';
import { startPushWorld, type PushWorld, stoppedAfterEach } from '../../support/push-world.js';

/**
 * A citizen who sends one complaint on WhatsApp and again on the super-app makes one case,
 * and both channels have a forward rule to LAPOR: the case reaches LAPOR once. Counted on
 * the LAPOR sandbox's own reports.
 */
const running = stoppedAfterEach();

const TEXT =
  'Jalan poros Desa Jepon rusak parah dan berlubang sedalam 20 cm, sudah 3 bulan belum ada perbaikan. Anak-anak sekolah setiap hari melewati jalan tersebut dan sudah ada pengendara yang jatuh.';

async function add(w: PushWorld, system: string, record: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${w.regional.url}/_sandbox/${system}/records`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(record),
  });
  expect(res.status).toBe(201);
  const [created] = (await res.json()) as { _id?: string; id?: number }[];
  return String(created!._id ?? created!.id);
}

describe('forwarding a case, not a record (real sandboxes, real Redis)', () => {
  it('sends a resend on a second channel nowhere its case already went, with the reason', async () => {
    running.world = await startPushWorld({
      push: {
        forward: [
          { from: 'wadesk', to: 'lapor', unclassifiedAs: 'pengaduan' },
          { from: 'superapp', to: 'lapor', unclassifiedAs: 'pengaduan' },
        ],
      },
    });
    const w = running.world;
    const wa = await add(w, 'wa', { from: '6281234567890', user: { name: 'Sri Wahyuni' }, message: TEXT });
    running.pipe = await startTestPipeline({ file: w.configFile, env: w.env });
    const { runtime } = running.pipe;
    const state = async (source: string, id: string) =>
      (await runtime.push.sendStates.get(complaintId(source, id), 'forward|lapor'))?.state;

    await runtime.enqueuePoll('wadesk', 'live', 'one');
    await running.pipe.drain();
    await waitFor(async () => (await state('wadesk', wa)) === 'sent', 15_000, 'the WhatsApp complaint forwarded');

    // Two days later the same citizen sends it again on the super-app.
    const resend = await add(w, 'superapp', {
      title: 'Jalan poros Desa Jepon rusak',
      description: TEXT,
      address: 'Desa Jepon, Kec. Jepon',
      user: { name: 'Sri Wahyuni', phone: '081234567890' },
    });
    await runtime.enqueuePoll('superapp', 'live', 'one');
    await running.pipe.drain();
    const [a, b] = await runtime.store.ledger.getMany([complaintId('wadesk', wa), complaintId('superapp', resend)]);
    expect(b!.caseId).toBe(a!.caseId);
    await waitFor(
      async () => ['skipped', undefined].includes(await state('superapp', resend)),
      15_000,
      'the resend decided',
    );
    await new Promise((r) => setTimeout(r, 500));
    const pushes = await runtime.queues.push.getJobCounts('waiting', 'active', 'delayed');
    expect(Object.values(pushes).every((n) => n === 0)).toBe(true);

    // Ground truth: LAPOR holds one report, the WhatsApp one.
    const refs = w.lapor.visibleTrackingIds().map((id) => w.lapor.report(id)?.clientRef);
    expect(refs).toEqual([complaintId('wadesk', wa)]);
    const skipped = await runtime.push.sendStates.get(complaintId('superapp', resend), 'forward|lapor');
    if (skipped) expect(skipped.lastReason).toMatch(/^case already on lapor: .* was forwarded there$/);
  });

  it('sends a case once when the forwards of its two records run at the same time', async () => {
    running.world = await startPushWorld({
      push: {
        concurrency: 8,
        forward: [
          { from: 'wadesk', to: 'lapor', unclassifiedAs: 'pengaduan' },
          { from: 'superapp', to: 'lapor', unclassifiedAs: 'pengaduan' },
        ],
      },
    });
    const w = running.world;
    const wa = await add(w, 'wa', { from: '6281234567890', user: { name: 'Sri Wahyuni' }, message: TEXT });
    const resend = await add(w, 'superapp', {
      title: 'Jalan poros Desa Jepon rusak',
      description: TEXT,
      address: 'Desa Jepon, Kec. Jepon',
      user: { name: 'Sri Wahyuni', phone: '081234567890' },
    });
    // Both records are ingested, one case, before any push runs: both forwards are queued.
    running.pipe = await startTestPipeline({ file: w.configFile, env: w.env, workers: false });
    const { runtime } = running.pipe;
    const lifecycle = new Lifecycle(running.pipe.logs.logger);
    startPollWorker(runtime, lifecycle);
    startIngestWorker(runtime, lifecycle);
    await runtime.enqueuePoll('wadesk', 'live', 'one');
    await running.pipe.drain();
    await runtime.enqueuePoll('superapp', 'live', 'one');
    await running.pipe.drain();
    const ids = [complaintId('wadesk', wa), complaintId('superapp', resend)];
    const [a, b] = await runtime.store.ledger.getMany(ids);
    expect(b!.caseId).toBe(a!.caseId);
    expect(await runtime.queues.push.getJobCounts('waiting')).toEqual({ waiting: 2 });

    startPushWorker(runtime, lifecycle);
    const states = async () =>
      Promise.all(ids.map(async (id) => (await runtime.push.sendStates.get(id, 'forward|lapor'))?.state));
    await waitFor(
      async () => (await states()).every((s) => s === 'sent' || s === 'skipped'),
      15_000,
      'both forwards decided',
    );
    await lifecycle.stop(10_000);
    // Ground truth: LAPOR holds one report of the case.
    const refs = w.lapor.visibleTrackingIds().map((id) => w.lapor.report(id)?.clientRef);
    expect(refs).toHaveLength(1);
    expect(ids).toContain(refs[0]);
    expect((await states()).sort()).toEqual(['sent', 'skipped']);
  });
});
