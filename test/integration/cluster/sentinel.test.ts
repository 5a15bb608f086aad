import { afterEach, describe, expect, it } from 'vitest';
import { startLaporSandbox, type LaporSandbox } from '../../../src/sandbox/lapor/index.js';
import { laporSourceConfig } from '../../support/lapor-source.js';
import { startTestPipeline, type TestPipeline } from '../../support/pipeline.js';
import { redisServersUnavailable, startTestSentinel, type TestSentinel } from '../../support/redis-servers.js';

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

describe.skipIf(unavailable !== undefined)(
  unavailable
    ? `Redis found through Sentinel — SKIPPED: ${unavailable}`
    : 'Redis found through Sentinel (real sentinel)',
  () => {
    it('polls and ingests into the primary the sentinel names', async () => {
      sentinel = await startTestSentinel('lapor-jateng');
      sandbox = await startLaporSandbox({ reports: 40, seed: 5 });
      pipe = await startTestPipeline({
        file: laporSourceConfig(
          sandbox,
          {},
          { redis: { sentinel: { name: sentinel.name, nodes: [sentinel.sentinel] } } },
        ),
        // The URL's address is a closed port: only the sentinel can say where the primary is.
        env: { LAPOR_TOKEN: sandbox.token, REDIS_URL: 'redis://127.0.0.1:1', LAPOR_BRIDGE__REDIS__KEYPREFIX: PREFIX },
      });
      await pipe.runtime.enqueuePoll('lapor', 'live', 'first');
      await pipe.drain(60_000);

      const visible = sandbox.visibleTrackingIds().length;
      expect(visible).toBeGreaterThan(20);
      expect(await pipe.runtime.store.ledger.count()).toBe(visible);
      expect(await sentinel.node(sentinel.primary).zcard(`${PREFIX}:complaints`)).toBe(visible);
    });
  },
);
