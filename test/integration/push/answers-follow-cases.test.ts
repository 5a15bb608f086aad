import { describe, expect, it } from 'vitest';
import { finishCaseChanges, mergeCases, splitCase } from '../../../src/dedup/cases.js';
import { complaintId, type Complaint } from '../../../src/domain/complaint.js';
import { waitFor } from '../../support/cli.js';
import { startTestPipeline, type TestPipeline } from '../../support/pipeline.js';
import { startPushWorld, stoppedAfterEach, type PushWorld } from '../../support/push-world.js';

const running = stoppedAfterEach();

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
 * in its case after the first poll of `firstPoll`. Counted on the super-app simulator: the
 * LAPOR answer reaches the super-app's record once its report is in that record's case,
 * whether the change of cases was cut short (the process killed after the complaints moved
 * and before their answers did) or made by another worker while a page planned its push.
 */
async function answeredOnLaporAndSuperapp(firstPoll = ['lapor', 'superapp']) {
  const w = (running.world = await startPushWorld());
  const p = (running.pipe = await startTestPipeline({
    file: w.configFile,
    env: { ...w.env, LAPOR_BRIDGE__PIPELINE__RESETTLE__AFTERMS: '0' },
  }));
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
  await poll(p, 'first', firstPoll);
  const ids = { lapor: complaintId('lapor', tracking), superapp: complaintId('superapp', String(record!.id)) };
  const onSuperapp = async () => (await followups(w, record!.id)).filter((text) => text.includes('[jawab-77]'));
  return { p, ids, onSuperapp };
}

/** Both complaints as the first poll left them: each alone in its case, the LAPOR answer in the LAPOR report's. */
async function aloneInTheirCases(p: TestPipeline, ids: { lapor: string; superapp: string }) {
  const [lapor, superapp] = (await p.runtime.store.ledger.getMany([ids.lapor, ids.superapp])) as Complaint[];
  expect([lapor!.caseId, superapp!.caseId]).toEqual([lapor!.id, superapp!.id]);
  expect(await p.runtime.push.responses.ofCase(lapor!.caseId)).toHaveLength(1);
  return [lapor!, superapp!] as const;
}

describe('answers follow their complaints through changes of cases (real sandboxes, real Redis)', () => {
  it("merge cut short: finished before the next poll, and the LAPOR answer reaches the super-app's record, once", async () => {
    const { p, ids, onSuperapp } = await answeredOnLaporAndSuperapp();
    const [lapor, superapp] = await aloneInTheirCases(p, ids);
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

  it('split cut short: finished before the next poll, and the answer goes back with the complaint it was written to', async () => {
    const { p, ids, onSuperapp } = await answeredOnLaporAndSuperapp();
    const [lapor, superapp] = await aloneInTheirCases(p, ids);
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

  it("merge made by another worker while a page plans its push: the page's new answer follows its complaint to the case", async () => {
    const { p, ids, onSuperapp } = await answeredOnLaporAndSuperapp(['superapp']);
    // Between the LAPOR page's write and its push planning, another worker joins the new
    // report into the super-app complaint's case: the page plans on the complaint as it wrote it.
    const plan = p.runtime.ingestDeps.afterPage!;
    p.runtime.ingestDeps.afterPage = async (complaints, created) => {
      p.runtime.ingestDeps.afterPage = plan;
      await mergeCases(p.runtime.caseDeps, ids.superapp, [ids.lapor]);
      await plan(complaints, created);
    };
    await poll(p, 'second', ['lapor']);
    expect((await p.runtime.store.ledger.get(ids.lapor))?.caseId).toBe(ids.superapp);
    expect((await p.runtime.push.responses.ofCase(ids.superapp)).map((a) => a.complaintId)).toEqual([ids.lapor]);
    await waitFor(async () => (await onSuperapp()).length > 0, 30_000, 'the answer on the super-app');
    await poll(p, 'third');
    expect(await onSuperapp()).toHaveLength(1);
  }, 120_000);

  it('a complaint that joins the case of one judged alone, before its answer is stored: the answer still reaches it', async () => {
    const { p, ids, onSuperapp } = await answeredOnLaporAndSuperapp(['superapp']);
    // The LAPOR report's page reads its case alone; between that read and its answer's write,
    // the super-app complaint joins its case (another worker), whose planning finds no answer yet.
    const responses = p.runtime.push.responses;
    const addMany = responses.addMany.bind(responses);
    responses.addMany = async (answers) => {
      responses.addMany = addMany;
      await mergeCases(p.runtime.caseDeps, ids.lapor, [ids.superapp]);
      return addMany(answers);
    };
    await poll(p, 'second', ['lapor']);
    expect((await p.runtime.store.ledger.get(ids.superapp))?.caseId).toBe(ids.lapor);
    await waitFor(async () => (await onSuperapp()).length > 0, 30_000, 'the answer on the super-app');
    await poll(p, 'third');
    expect(await onSuperapp()).toHaveLength(1);
  }, 120_000);
});
