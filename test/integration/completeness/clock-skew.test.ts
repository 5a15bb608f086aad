import { afterEach, describe, expect, it } from 'vitest';
import { complaintId } from '../../../src/domain/complaint.js';
import { startLaporSandbox, type LaporSandbox } from '../../../src/sandbox/lapor/index.js';
import { startRegionalSandbox, type RunningRegionalSandbox } from '../../../src/sandbox/regional/index.js';
import { laporSourceConfig } from '../../support/lapor-source.js';
import { startTestPipeline, type TestPipeline } from '../../support/pipeline.js';
import { admin } from '../regional/support.js';
import { missingFromLedger, regionalConfig } from './support.js';

const MINUTES_15 = 15 * 60_000;

let pipe: TestPipeline | undefined;
let lapor: LaporSandbox | undefined;
let regional: RunningRegionalSandbox | undefined;
afterEach(async () => {
  await pipe?.stop();
  await lapor?.close();
  await regional?.close();
  pipe = lapor = regional = undefined;
});

async function poll(p: TestPipeline, source: string, slot: string) {
  await p.runtime.enqueuePoll(source, 'live', slot);
  await p.drain(90_000);
}

function skewWarnings(p: TestPipeline): Record<string, unknown>[] {
  return p.logs.lines().filter((l) => String(l.msg).startsWith("the source's clock is further from ours"));
}

/** Every report the instansi sees, in the version the simulator holds now (ground truth). */
async function staleOrMissing(p: TestPipeline, sandbox: LaporSandbox): Promise<string[]> {
  const wrong: string[] = [];
  for (const id of sandbox.visibleTrackingIds()) {
    const held = await p.runtime.store.ledger.get(complaintId('lapor', id));
    const truth = sandbox.report(id)!.lastActivityAt as string;
    if (!held || Date.parse(held.updatedAt) !== Date.parse(truth)) wrong.push(id);
  }
  return wrong;
}

describe('windows on the source’s own clock (sandboxes dated by their own clocks, real Redis)', () => {
  it.each([
    ['15 minutes behind ours', -MINUTES_15],
    ['15 minutes ahead of ours', MINUTES_15],
  ])(
    'LAPOR %s: every report and every edit reaches the ledger at the next poll, and the skew is reported',
    async (_name, offset) => {
      lapor = await startLaporSandbox({ reports: 60, seed: 41, now: () => new Date(Date.now() + offset) });
      pipe = await startTestPipeline({
        file: laporSourceConfig(lapor, { pageSize: 20 }),
        env: { LAPOR_TOKEN: lapor.token },
      });
      await poll(pipe, 'lapor', 'one');
      expect(await staleOrMissing(pipe, lapor)).toEqual([]);

      // New and changed reports, stamped by LAPOR's clock right now.
      const added = [1, 2, 3].map(() => lapor!.addReport({ disposed: true }));
      const edited = lapor.visibleTrackingIds().slice(0, 3);
      for (const id of edited) lapor.editReport(id, { lokasi: `Desa Sambongrejo RT 0${edited.indexOf(id) + 1}` });
      await poll(pipe, 'lapor', 'two');
      expect(await missingFromLedger(pipe, 'lapor', added)).toEqual([]);
      expect(await staleOrMissing(pipe, lapor)).toEqual([]);

      const [warning] = skewWarnings(pipe);
      expect(warning).toMatchObject({ source: 'lapor' });
      expect(Math.abs((warning!.offsetMs as number) - offset)).toBeLessThan(5_000);
    },
    120_000,
  );

  it('Open311 15 minutes behind ours: a request filed after a poll, stamped earlier than our clock, is read by the next', async () => {
    regional = await startRegionalSandbox({
      seed: 42,
      counts: { wa: 0, superapp: 0, bupati: 0, open311: 30 },
      now: () => new Date(Date.now() - MINUTES_15),
    });
    const config = regionalConfig(regional, { open311: 'open311.yaml' });
    pipe = await startTestPipeline({ file: config.file, env: config.env });
    const ids = () =>
      (regional!.state().open311 as { requests: { service_request_id: string }[] }).requests.map(
        (r) => r.service_request_id,
      );
    await poll(pipe, 'open311', 'one');
    expect(await missingFromLedger(pipe, 'open311', ids())).toEqual([]);

    // Filed after the poll: the server stamps it with its own time, 15 minutes before ours.
    const [filed] = (await admin(regional.url, 'POST', '/open311/records', {
      description: 'Saluran air di depan pasar Cepu tersumbat sampah sejak kemarin.',
    })) as { service_request_id: string }[];
    await poll(pipe, 'open311', 'two');
    expect(await missingFromLedger(pipe, 'open311', [filed!.service_request_id])).toEqual([]);
    expect(await missingFromLedger(pipe, 'open311', ids())).toEqual([]);
    expect(skewWarnings(pipe)[0]).toMatchObject({ source: 'open311' });
  }, 120_000);
});
