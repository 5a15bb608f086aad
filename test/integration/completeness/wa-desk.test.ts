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

const waIds = () => (sandbox!.state().wa as { reports: { _id: string }[] }).reports.map((r) => r._id);

/** Page-number paging of the same desk, as a source that offers nothing better is read (the desk's old preset). */
const PAGE_NUMBERS = {
  wadesk: {
    style: 'page',
    pageParam: 'page',
    sizeParam: 'limit',
    pageSize: 50,
    totalPagesPath: 'pagination.totalPages',
    totalPath: 'pagination.total',
    sinceParam: 'updatedSince',
    sinceField: 'updatedAt',
    overlapSeconds: 300,
  },
};

describe('every WhatsApp-desk report reaches the ledger, counted on the simulator', () => {
  it.each([
    ['keyset paging (the preset), no fault', {}, {}],
    ['keyset paging (the preset), records edited right after each list', { editAfterList: { rate: 0.5 } }, {}],
    [
      'page numbers with shift detection, records edited right after each list',
      { editAfterList: { rate: 0.5 } },
      PAGE_NUMBERS,
    ],
  ])(
    '%s',
    async (_name, faults, paging) => {
      sandbox = await startRegionalSandbox({
        seed: 23,
        counts: { wa: 400, superapp: 0, bupati: 0, open311: 0 },
        faults,
      });
      const config = regionalConfig(sandbox, { wadesk: 'wa-desk.yaml' }, { paging });
      pipe = await startTestPipeline({ file: config.file, env: config.env });

      const result = await pollUntilComplete(pipe, 'wadesk', waIds, 4);
      expect(result.missing).toEqual([]);
      expect(await pipe.runtime.store.ledger.count()).toBe(400);
    },
    120_000,
  );
});

describe('a WhatsApp-desk report served without a readable id', () => {
  it('is asked for again before the keyset pass moves past it: none lost, none left in quarantine', async () => {
    // Every second list answer has a broken copy; about a third of those are a bare string
    // (`ObjectId("…")`), with no id to fetch the report again by.
    sandbox = await startRegionalSandbox({
      seed: 24,
      counts: { wa: 600, superapp: 0, bupati: 0, open311: 0 },
      faults: { malformed: { every: 2 } },
    });
    const config = regionalConfig(sandbox, { wadesk: 'wa-desk.yaml' });
    pipe = await startTestPipeline({ file: config.file, env: config.env });

    const result = await pollUntilComplete(pipe, 'wadesk', waIds, 3);
    expect(sandbox.faults.state().fired.malformed).toBeGreaterThan(3);
    expect(
      pipe.logs
        .lines()
        .some((l) => l.msg === 'a record of the page could not be read; asking the list again from before it'),
    ).toBe(true);
    expect(result.missing).toEqual([]);
    expect(await pipe.runtime.store.ledger.count()).toBe(600);
    expect(await pipe.runtime.store.quarantine.entries.list(1000)).toEqual([]);
  }, 120_000);
});
