import { afterEach, describe, expect, it } from 'vitest';
import { startRegionalSandbox, type RunningRegionalSandbox } from '../../../src/sandbox/regional/index.js';
import { readSyncRuns } from '../../../src/store/sync-runs.js';
import { startTestPipeline, type TestPipeline } from '../../support/pipeline.js';
import { admin } from '../regional/support.js';
import { missingFromLedger, regionalConfig } from './support.js';

let regional: RunningRegionalSandbox | undefined;
let pipe: TestPipeline | undefined;
afterEach(async () => {
  await pipe?.stop();
  await regional?.close();
  pipe = regional = undefined;
});

const open311Requests = (s: RunningRegionalSandbox) =>
  (s.state().open311 as { requests: { service_request_id: string; requested_datetime: string }[] }).requests;

type Case = {
  source: string;
  preset: string;
  system: 'open311' | 'wa';
  ids(s: RunningRegionalSandbox): string[];
  /** Makes three records the regular poll cannot see. */
  miss(s: RunningRegionalSandbox, p: TestPipeline): Promise<void>;
};

/** The ids each system holds are the ground truth. */
const CASES: Case[] = [
  {
    // Records a server writes late with an old time (a night import of the day's reports, a
    // clock set back): behind the live window and its overlap (5 minutes), so no regular poll
    // reads them. The live window starts at the newest request read, and the seeded requests'
    // times move with the time of day (none at night): the late ones go two hours before it.
    source: 'open311',
    preset: 'open311.yaml',
    system: 'open311',
    ids: (s) => open311Requests(s).map((r) => r.service_request_id),
    miss: async (s) => {
      const newest = Math.max(...open311Requests(s).map((r) => Date.parse(r.requested_datetime)));
      await admin(
        s.url,
        'POST',
        '/open311/records',
        [1, 2, 3].map((i) => ({
          description: `Pohon tumbang menutup jalan desa nomor ${i}, mohon dibersihkan.`,
          requested_datetime: new Date(newest - 2 * 3600_000).toISOString(),
        })),
      );
    },
  },
  {
    // A live cursor moved past records it never read (a bug, an operator's edit, a restore).
    source: 'wadesk',
    preset: 'wa-desk.yaml',
    system: 'wa',
    ids: (s) => (s.state().wa as { reports: { _id: string }[] }).reports.map((r) => r._id),
    miss: async (s, p) => {
      await admin(
        s.url,
        'POST',
        '/wa/records',
        [1, 2, 3].map((i) => ({ message: `Lampu jalan di RT 0${i} Desa Jepon padam sejak tiga hari lalu.` })),
      );
      const ahead = p.runtime.connectors.get('wadesk')!.cursorSince(new Date(Date.now() + 3_600_000));
      await p.runtime.store.cursors.set('wadesk', 'live', ahead!);
    },
  },
];

async function poll(p: TestPipeline, source: string, lane: 'live' | 'reconcile', slot: string) {
  await p.runtime.enqueuePoll(source, lane, slot);
  await p.drain(90_000);
}

describe('reconciliation brings back what the polls missed (counted on the simulators, real Redis)', () => {
  it.each(CASES)(
    '$source: records the regular poll cannot see are found by listing the last days again',
    async ({ source, preset, system, ids, miss }) => {
      regional = await startRegionalSandbox({
        seed: 51,
        counts: { wa: 0, superapp: 0, bupati: 0, open311: 0, [system]: 40 },
      });
      const config = regionalConfig(regional, { [source]: preset });
      pipe = await startTestPipeline({ file: config.file, env: config.env });
      await poll(pipe, source, 'live', 'one');
      expect(await missingFromLedger(pipe, source, ids(regional))).toEqual([]);

      await miss(regional, pipe);
      await poll(pipe, source, 'live', 'two');
      // The regular poll cannot see them: that is the gap reconciliation closes.
      expect(await missingFromLedger(pipe, source, ids(regional))).toHaveLength(3);
      const liveCursor = await pipe.runtime.store.cursors.get(source, 'live');

      await poll(pipe, source, 'reconcile', 'r1');
      expect(await missingFromLedger(pipe, source, ids(regional))).toEqual([]);
      expect(await pipe.runtime.store.ledger.count()).toBe(ids(regional).length);
      const [run] = await readSyncRuns(pipe.runtime.redis, pipe.runtime.store.keys, { limit: 1, source });
      expect(run).toMatchObject({ lane: 'reconcile', outcome: 'done', records: 3 });
      expect(
        pipe.logs.lines().find((l) => l.msg === 'reconciliation found records missing from the ledger'),
      ).toMatchObject({ source, missing: 3 });
      // Its own lane: the live position is where it was, and a finished round starts afresh next time.
      expect(await pipe.runtime.store.cursors.get(source, 'live')).toBe(liveCursor);
      expect(await pipe.runtime.store.cursors.get(source, 'reconcile')).toBeNull();

      await poll(pipe, source, 'reconcile', 'r2');
      const [again] = await readSyncRuns(pipe.runtime.redis, pipe.runtime.store.keys, { limit: 1, source });
      expect(again).toMatchObject({ lane: 'reconcile', outcome: 'done', records: 0 });
    },
    120_000,
  );
});
