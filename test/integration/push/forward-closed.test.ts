import { describe, expect, it } from 'vitest';
import { complaintId } from '../../../src/domain/complaint.js';
import { waitFor } from '../../support/cli.js';
import { startTestPipeline } from '../../support/pipeline.js';
import { startPushWorld, type PushWorld, stoppedAfterEach } from '../../support/push-world.js';

/**
 * A forward rule skips complaints already closed, rejected or archived where they came
 * from; counted on the LAPOR sandbox's own reports, not on the bridge's bookkeeping.
 */
const running = stoppedAfterEach();

/** LAPOR reports created through the integration endpoint, by our client reference. */
function createdOnLapor(w: PushWorld): Map<string, string[]> {
  const byRef = new Map<string, string[]>();
  for (const id of w.lapor.visibleTrackingIds()) {
    const ref = w.lapor.report(id)?.clientRef as string | undefined;
    if (ref) byRef.set(ref, [...(byRef.get(ref) ?? []), id]);
  }
  return byRef;
}

async function addSuperapp(w: PushWorld, status: string, title: string): Promise<string> {
  const res = await fetch(`${w.regional.url}/_sandbox/superapp/records`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, description: `${title} di Kecamatan Cepu, mohon ditangani.`, status }),
  });
  expect(res.status).toBe(201);
  return String(((await res.json()) as { id: number }[])[0]!.id);
}

describe('forward rules and complaints closed at their source (real sandboxes, real Redis)', () => {
  it('forwards the open ones once and skips the closed, rejected ones with one info line each', async () => {
    running.world = await startPushWorld({
      push: { forward: [{ from: 'superapp', to: 'lapor', unclassifiedAs: 'pengaduan' }] },
    });
    const w = running.world;
    const open = [
      await addSuperapp(w, 'unverified', 'Lampu jalan mati'),
      await addSuperapp(w, 'followup', 'Saluran air tersumbat'),
    ];
    const closed = {
      [await addSuperapp(w, 'finished', 'Jalan berlubang sudah ditambal')]: 'closed',
      [await addSuperapp(w, 'rejected', 'Aduan ganda')]: 'rejected',
      [await addSuperapp(w, 'failed', 'Aduan tidak lengkap')]: 'rejected',
    };
    running.pipe = await startTestPipeline({ file: w.configFile, env: w.env });
    const { runtime } = running.pipe;
    await runtime.enqueuePoll('superapp', 'live', 'one');
    await running.pipe.drain();
    await waitFor(
      async () =>
        (
          await Promise.all(
            [...open, ...Object.keys(closed)].map(
              async (id) => (await runtime.push.sendStates.get(complaintId('superapp', id), 'forward|lapor'))?.state,
            ),
          )
        ).every((s) => s === 'sent' || s === 'skipped'),
      15_000,
      'every forward decided',
    );

    // Ground truth: the LAPOR sandbox holds one report per open complaint and none for the closed ones.
    const created = createdOnLapor(w);
    for (const id of open) expect(created.get(complaintId('superapp', id)), `open ${id}`).toHaveLength(1);
    for (const id of Object.keys(closed)) expect(created.has(complaintId('superapp', id)), `closed ${id}`).toBe(false);
    expect(created.size).toBe(open.length);

    for (const [id, status] of Object.entries(closed)) {
      const state = await runtime.push.sendStates.get(complaintId('superapp', id), 'forward|lapor');
      expect(state).toMatchObject({ state: 'skipped', lastReason: `closed at source: superapp shows it ${status}` });
    }
    const skipLines = running.pipe.logs.lines().filter((l) => l.msg === 'forward skipped: closed at source');
    expect(skipLines).toHaveLength(3);
    expect(skipLines.every((l) => l.level === 30)).toBe(true);
    expect(running.pipe.logs.lines().filter((l) => Number(l.level) >= 40)).toEqual([]);

    // Polled again: still nothing forwarded for them, nothing logged again.
    await runtime.enqueuePoll('superapp', 'live', 'two');
    await running.pipe.drain();
    expect(createdOnLapor(w).size).toBe(open.length);
    expect(running.pipe.logs.lines().filter((l) => l.msg === 'forward skipped: closed at source')).toHaveLength(3);
  });
});
