import { afterEach, describe, expect, it } from 'vitest';
import { startRegionalSandbox, type RunningRegionalSandbox } from '../../../src/sandbox/regional/index.js';
import { startTestPipeline, type TestPipeline } from '../../support/pipeline.js';
import { pollUntilComplete, regionalConfig } from './support.js';

let sandbox: RunningRegionalSandbox | undefined;
let pipe: TestPipeline | undefined;
afterEach(async () => {
  await pipe?.stop();
  await sandbox?.close();
  pipe = sandbox = undefined;
});

interface Open311State {
  requests: { service_request_id: string; requested_datetime: string }[];
  updates: { service_request_id: string }[];
}
const DAY = 86_400_000;
const state = () => sandbox!.state().open311 as Open311State;
const ids = () => state().requests.map((r) => r.service_request_id);

/**
 * The sandbox's requests were filed between 60 days and an hour ago. The source's first
 * window starts `daysBack` days ago and is 90 days wide, so the windows before the requests
 * are empty; "page served twice" answers a list with that list's previous answer (the first
 * `times` lists asked after another one). A request with no update of its own can only come
 * through its window's list: those are the ones a stale answer would lose.
 */
async function open311With(daysBack: number, times: number): Promise<{ quiet: string[] }> {
  sandbox = await startRegionalSandbox({
    seed: 5,
    counts: { wa: 0, superapp: 0, bupati: 0, open311: 80 },
    faults: { duplicatePage: { times } },
  });
  const config = regionalConfig(sandbox, { open311: 'open311.yaml' });
  pipe = await startTestPipeline({
    file: config.file,
    env: {
      ...config.env,
      LAPOR_BRIDGE__SOURCES__OPEN311__WINDOW__START: new Date(Date.now() - daysBack * DAY).toISOString(),
    },
  });
  const updated = new Set(state().updates.map((u) => u.service_request_id));
  return { quiet: ids().filter((id) => !updated.has(id)) };
}

describe('every Open311 request reaches the ledger when lists are served stale, counted on the simulator', () => {
  it('the live window answered with the previous (empty) window’s list: the cursor stays, the next poll reads it', async () => {
    // Windows: [150 d ago, 60 d ago] empty, then [60 d ago, now] holding all 80 requests,
    // answered with the empty list once.
    const { quiet } = await open311With(150, 1);
    expect(quiet.length).toBeGreaterThan(0);

    const result = await pollUntilComplete(pipe!, 'open311', ids, 3);
    expect(sandbox!.faults.state().fired.duplicatePage).toBe(1);
    expect(result.missing).toEqual([]);
    expect(result.rounds).toBe(2);
    expect(await pipe!.runtime.store.ledger.count()).toBe(80);
  }, 120_000);

  it('a past window answered with the previous (empty) window’s list each time it is asked: its updates show what it lacks, and it is asked again', async () => {
    // Windows: [200 d ago, 110 d ago] empty, [110 d ago, 20 d ago] past and holding most
    // requests (read stale three times: once and both of its re-asks), then the live one.
    const { quiet } = await open311With(200, 3);
    const cut = Date.now() - 20 * DAY;
    const quietInPast = state().requests.filter(
      (r) => quiet.includes(r.service_request_id) && Date.parse(r.requested_datetime) < cut,
    );
    expect(quietInPast.length).toBeGreaterThan(0);

    const result = await pollUntilComplete(pipe!, 'open311', ids, 3);
    expect(sandbox!.faults.state().fired.duplicatePage).toBe(3);
    expect(result.missing).toEqual([]);
    expect(result.rounds).toBe(1);
    expect(await pipe!.runtime.store.ledger.count()).toBe(80);
  }, 120_000);
});
