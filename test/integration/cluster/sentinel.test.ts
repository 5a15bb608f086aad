import { afterEach, describe, expect, it } from 'vitest';
import { startLaporSandbox, type LaporSandbox } from '../../../src/sandbox/lapor/index.js';
import { pollLockName } from '../../../src/pipeline/poll.js';
import { readStream } from '../../../src/store/audit.js';
import { waitFor } from '../../support/cli.js';
import { laporSourceConfig } from '../../support/lapor-source.js';
import { startTestPipeline, type TestPipeline } from '../../support/pipeline.js';
import { redisServersUnavailable, startTestSentinel, type TestSentinel } from '../../support/redis-servers.js';
import { audited } from '../../support/audited.js';

const unavailable = redisServersUnavailable();
const PREFIX = '{kab-sentinel}';

let sentinel: TestSentinel | undefined;
let sandbox: LaporSandbox | undefined;
let pipe: TestPipeline | undefined;
afterEach(async () => {
  await pipe?.stop();
  await sandbox?.close();
  await sentinel?.stop();
  pipe = sandbox = sentinel = undefined;
});

/** The daemon's pipeline on the LAPOR sandbox, its Redis found through the sentinel only. */
async function startPipeline(
  s: TestSentinel,
  lapor: LaporSandbox,
  pageSize: number,
  env: Record<string, string> = {},
): Promise<TestPipeline> {
  return startTestPipeline({
    file: laporSourceConfig(lapor, { pageSize }, { redis: { sentinel: { name: s.name, nodes: [s.sentinel] } } }),
    // The URL's address is a closed port: only the sentinel can say where the primary is.
    env: { LAPOR_TOKEN: lapor.token, REDIS_URL: 'redis://127.0.0.1:1', LAPOR_BRIDGE__REDIS__KEYPREFIX: PREFIX, ...env },
  });
}

describe.skipIf(unavailable !== undefined)(
  unavailable
    ? `Redis found through Sentinel — SKIPPED: ${unavailable}`
    : 'Redis found through Sentinel (real sentinel)',
  () => {
    it('polls and ingests into the primary the sentinel names', async () => {
      sentinel = await startTestSentinel('lapor-jateng');
      sandbox = await startLaporSandbox({ reports: 40, seed: 5 });
      pipe = await startPipeline(sentinel, sandbox, 20);
      await pipe.runtime.enqueuePoll('lapor', 'live', 'first');
      await pipe.drain(60_000);

      const visible = sandbox.visibleTrackingIds().length;
      expect(visible).toBeGreaterThan(20);
      expect(await pipe.runtime.store.ledger.count()).toBe(visible);
      expect(await sentinel.node(sentinel.primary).zcard(`${PREFIX}:complaints`)).toBe(visible);
    });

    it('goes on through a failover in the middle of an ingest: each report once, on the new primary', async () => {
      sentinel = await startTestSentinel('lapor-jateng', { replica: true });
      const frozen = new Date();
      sandbox = await startLaporSandbox({ reports: 1000, seed: 6, now: () => frozen });
      const visible = sandbox.visibleTrackingIds().length;
      // A poll cut by the failover leaves its lease to run out (its release went to the old
      // primary), and a job whose end the old primary refused is taken up again once its lock
      // runs out: short leases and locks let both come within the test.
      pipe = await startPipeline(sentinel, sandbox, 20, {
        LAPOR_BRIDGE__PIPELINE__POLLLOCKMS: '3000',
        LAPOR_BRIDGE__PIPELINE__JOBLOCKMS: '3000',
      });
      const { runtime } = pipe;
      await runtime.enqueuePoll('lapor', 'live', 'during');
      await waitFor(async () => (await runtime.store.ledger.count()) > visible / 4, 30_000, 'a quarter ingested');

      await sentinel.node(sentinel.sentinel).call('SENTINEL', 'FAILOVER', sentinel.name);
      await waitFor(async () => (await sentinel!.current()) === sentinel!.replica, 30_000, 'the replica promoted');
      // The failover is over once the sentinel has made the old primary a replica of the new
      // one: no announcement moves the daemon's connections after that.
      const demoted = async () => {
        const info = String(await sentinel!.node(sentinel!.primary).info('replication'));
        return info.includes('role:slave') && info.includes('master_link_status:up');
      };
      await waitFor(demoted, 30_000, 'the old primary following the new one');
      // The daemon's own connection has moved when the server it talks to is the replica.
      const onReplica = async () =>
        String(await runtime.redis.call('CLIENT', 'INFO').catch(() => '')).includes(`laddr=${sentinel!.replica}`);
      await waitFor(onReplica, 30_000, 'the daemon on the new primary');
      await pipe.drain(60_000);
      // The next poll, once the cut one's lease has run out, goes on from the cursor.
      const lease = runtime.store.keys.lock(pollLockName('lapor', 'live'));
      await waitFor(async () => (await runtime.redis.exists(lease)) === 0, 30_000, 'the lease of the cut poll to end');
      await runtime.enqueuePoll('lapor', 'live', 'after');
      await pipe.drain(60_000);

      expect(await runtime.store.ledger.count()).toBe(visible);
      expect(await sentinel.node(sentinel.replica!).zcard(`${PREFIX}:complaints`)).toBe(visible);
      const audit = await readStream(runtime.redis, runtime.store.keys.audit(), 100_000);
      expect(audited(audit, 'created')).toHaveLength(visible);
      expect(await runtime.store.deadLetters.list()).toEqual([]);
    }, 120_000);
  },
);
