import { afterEach, describe, expect, it } from 'vitest';
import { finishMerges, mergeCases } from '../../../src/dedup/cases.js';
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

const ANSWER = 'Lampu sudah diganti petugas [jawab-77].';

/** The super-app's own record of the complaint: its followups, as the simulator holds them (ground truth). */
async function followups(w: PushWorld, recordId: number): Promise<string[]> {
  const state = (await (await fetch(`${w.regional.url}/_sandbox/state`)).json()) as {
    superapp: { followups: Record<string, { description: string }[]> };
  };
  return (state.superapp.followups[String(recordId)] ?? []).map((f) => f.description);
}

/**
 * A LAPOR report answered there, and a super-app record of the same complaint, each first
 * alone in its case. Their merge is cut short after the complaints moved and before the
 * answers did (the process killed there): a retry sees one case and merges nothing, so the
 * answer, still filed under the case that is gone, would never reach the super-app.
 * Counted on the super-app simulator.
 */
describe('a case merge cut short (real sandboxes, real Redis)', () => {
  it("is finished before the next poll: the LAPOR answer reaches the super-app's record, once", async () => {
    world = await startPushWorld();
    const w = world;
    pipe = await startTestPipeline({
      file: w.configFile,
      env: { ...w.env, LAPOR_BRIDGE__PIPELINE__RESETTLE__AFTERMS: '0' },
    });
    const p = pipe;
    const tracking = w.lapor.addReport({ disposed: true });
    const posted = await fetch(`${w.lapor.url}/api/v1/laporan/${tracking}/tindak-lanjut`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Lapor-Token': w.lapor.token },
      body: JSON.stringify({ isi: ANSWER, oleh: 'Admin OPD', client_ref: 'jawab-77' }),
    });
    expect(posted.status).toBeLessThan(300);
    const [record] = (await (
      await fetch(`${w.regional.url}/_sandbox/superapp/records`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ description: 'Lampu jalan di depan balai desa mati, mohon diganti.' }),
      })
    ).json()) as { id: number }[];
    for (const source of ['lapor', 'superapp']) await p.runtime.enqueuePoll(source, 'live', 'first');
    await p.drain(60_000);
    const lapor = await p.runtime.store.ledger.get(complaintId('lapor', tracking));
    const superapp = await p.runtime.store.ledger.get(complaintId('superapp', String(record!.id)));
    expect([lapor?.caseId, superapp?.caseId]).toEqual([lapor?.id, superapp?.id]);
    expect(await p.runtime.push.responses.ofCase(lapor!.caseId)).toHaveLength(1);

    // The answer's case goes into the other one; the process dies before the answers move.
    const [into, from] = [superapp!.caseId, lapor!.caseId];
    const moveAnswers = p.runtime.push.caseMerged.bind(p.runtime.push);
    p.runtime.push.caseMerged = () => Promise.reject(new Error('the process died here'));
    await expect(mergeCases(p.runtime.caseDeps, into, [from])).rejects.toThrow('the process died here');
    p.runtime.push.caseMerged = moveAnswers;
    expect((await p.runtime.store.ledger.get(lapor!.id))?.caseId).toBe(into);
    expect(await p.runtime.push.responses.ofCase(into)).toHaveLength(0);
    // A merge begun a moment ago may still be running elsewhere: left alone.
    expect(await finishMerges(p.runtime.caseDeps, new Date(Date.now() - 60_000))).toBe(0);

    await p.runtime.enqueuePoll('superapp', 'live', 'second');
    await p.drain(60_000);
    await waitFor(async () => (await followups(w, record!.id)).length > 0, 30_000, 'the answer on the super-app');
    for (const source of ['lapor', 'superapp']) await p.runtime.enqueuePoll(source, 'live', 'third');
    await p.drain(60_000);
    expect((await followups(w, record!.id)).filter((text) => text.includes('[jawab-77]'))).toHaveLength(1);
    expect(await p.runtime.store.ledger.pendingMerges(new Date(Date.now() + 60_000))).toEqual([]);
  }, 120_000);
});
