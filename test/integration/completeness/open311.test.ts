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

describe('every Open311 request reaches the ledger, counted on the simulator', () => {
  it('a window answered with the previous window’s list (a stale cache) is asked for again, not cut to nothing', async () => {
    sandbox = await startRegionalSandbox({
      seed: 25,
      counts: { wa: 0, superapp: 0, bupati: 0, open311: 300 },
      faults: { duplicatePage: { every: 3 } },
    });
    const config = regionalConfig(sandbox, { open311: 'open311.yaml' });
    pipe = await startTestPipeline({ file: config.file, env: config.env });
    const ids = () =>
      (sandbox!.state().open311 as { requests: { service_request_id: string }[] }).requests.map(
        (r) => r.service_request_id,
      );

    const result = await pollUntilComplete(pipe, 'open311', ids, 3);
    expect(sandbox.faults.state().fired.duplicatePage).toBeGreaterThan(2);
    expect(result.missing).toEqual([]);
    expect(await pipe.runtime.store.ledger.count()).toBe(300);
  }, 120_000);
});
