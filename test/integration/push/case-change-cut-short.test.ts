import { afterEach, describe, expect, it } from 'vitest';
import { finishCaseChanges, mergeCases, splitCase } from '../../../src/dedup/cases.js';
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

async function poll(p: TestPipeline, slot: string, sources = ['lapor', 'superapp']) {
  for (const source of sources) await p.runtime.enqueuePoll(source, 'live', slot);
  await p.drain(60_000);
}

/**
 * A LAPOR report answered there, and a super-app record of the same complaint, each alone
 * in its case. Changes of case that are cut short after the complaints moved and before
 * their answers did (the process killed there) are finished before the next poll.
 */
async function answeredOnLaporAndSuperapp() {
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
  await poll(p, 'first');
  const lapor = (await p.runtime.store.ledger.get(complaintId('lapor', tracking)))!;
  const superapp = (await p.runtime.store.ledger.get(complaintId('superapp', String(record!.id))))!;
  expect([lapor.caseId, superapp.caseId]).toEqual([lapor.id, superapp.id]);
  expect(await p.runtime.push.responses.ofCase(lapor.caseId)).toHaveLength(1);
  const onSuperapp = async () => (await followups(w, record!.id)).filter((text) => text.includes('[jawab-77]'));
  return { p, lapor, superapp, onSuperapp };
}

describe('a change of cases cut short (real sandboxes, real Redis)', () => {
  it("merge: finished before the next poll, and the LAPOR answer reaches the super-app's record, once", async () => {
    const { p, lapor, superapp, onSuperapp } = await answeredOnLaporAndSuperapp();
    // The answer's case goes into the other one; the process dies before the answers move.
    const [into, from] = [superapp.caseId, lapor.caseId];
    const moveAnswers = p.runtime.push.caseMerged.bind(p.runtime.push);
    p.runtime.push.caseMerged = () => Promise.reject(new Error('the process died here'));
    await expect(mergeCases(p.runtime.caseDeps, into, [from])).rejects.toThrow('the process died here');
    p.runtime.push.caseMerged = moveAnswers;
    expect((await p.runtime.store.ledger.get(lapor.id))?.caseId).toBe(into);
    expect(await p.runtime.push.responses.ofCase(into)).toHaveLength(0);
    // A change begun a moment ago may still be running elsewhere: left alone.
    expect(await finishCaseChanges(p.runtime.caseDeps, new Date(Date.now() - 60_000))).toBe(0);

    await poll(p, 'second', ['superapp']);
    await waitFor(async () => (await onSuperapp()).length > 0, 30_000, 'the answer on the super-app');
    await poll(p, 'third');
    expect(await onSuperapp()).toHaveLength(1);
    expect(await p.runtime.store.ledger.caseChanges.pending(new Date(Date.now() + 60_000))).toEqual([]);
  }, 120_000);

  it('split: finished before the next poll, and the answer goes back with the complaint it was written to', async () => {
    const { p, lapor, superapp, onSuperapp } = await answeredOnLaporAndSuperapp();
    // One case, under the super-app complaint's id: the answer's complaint is not the case's.
    await mergeCases(p.runtime.caseDeps, superapp.id, [lapor.id]);
    await waitFor(async () => (await onSuperapp()).length > 0, 30_000, 'the answer on the super-app');
    // The LAPOR report is taken out again; the process dies before its answer goes with it.
    const moveAnswers = p.runtime.push.caseSplit.bind(p.runtime.push);
    p.runtime.push.caseSplit = () => Promise.reject(new Error('the process died here'));
    await expect(
      splitCase(p.runtime.caseDeps, superapp.id, [lapor.id], 'operator:test', 'not the same'),
    ).rejects.toThrow('the process died here');
    p.runtime.push.caseSplit = moveAnswers;
    const laporCase = (await p.runtime.store.ledger.get(lapor.id))!.caseId;
    expect(laporCase).toBe(lapor.id);
    expect(await p.runtime.push.responses.ofCase(laporCase)).toEqual([]);

    await poll(p, 'second', ['superapp']);
    expect((await p.runtime.push.responses.ofCase(laporCase)).map((a) => a.complaintId)).toEqual([lapor.id]);
    expect(await p.runtime.store.ledger.caseChanges.pending(new Date(Date.now() + 60_000))).toEqual([]);
    await poll(p, 'third');
    expect(await onSuperapp()).toHaveLength(1);
  }, 120_000);
});
