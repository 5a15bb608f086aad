import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../../src/connectors/file-import/index.js';
import { loadConfig } from '../../../src/config/load.js';
import { runImport } from '../../../src/cli/import-run.js';
import { systemClock } from '../../../src/domain/clock.js';
import { Lifecycle } from '../../../src/lifecycle/lifecycle.js';
import { openRuntime } from '../../../src/app/runtime.js';
import { readStream } from '../../../src/store/audit.js';
import { createStore } from '../../../src/store/store.js';
import { spawnCli, waitFor } from '../../support/cli.js';
import { captureLogger } from '../../support/logger.js';
import { TEST_REDIS_URL, testRedis, type TestRedis } from '../../support/redis.js';
import { expectedCounts, exportRows, importConfig, workDir, writeCsv, writeXlsx } from './support.js';
import { audited } from '../../support/audited.js';

const TOTAL = 50_000;
let redis: TestRedis | undefined;
afterAll(async () => {
  await redis?.cleanup();
});

/** The summary line of a count, e.g. "  imported   49,900   new complaints". */
const line = (label: string, n: number) => new RegExp(`^  ${label}\\s+${n.toLocaleString('en-US')}(\\s|$)`, 'm');

describe('lapor-bridge import of a 50,000-row export (real Redis, real child processes)', () => {
  it('resumes a SIGKILLed Windows-1252 CSV import without a duplicate, then reads the same data as XLSX as all duplicates', async () => {
    redis = await testRedis('import');
    const dir = workDir();
    const config = importConfig(dir);
    const rows = exportRows(TOTAL);
    const csv = join(dir, 'rekap-2023.csv');
    writeCsv(csv, rows, 'windows-1252');
    const env = {
      REDIS_URL: TEST_REDIS_URL,
      LAPOR_BRIDGE__REDIS__KEYPREFIX: redis.prefix,
      // Short enough that the killed run's poll lock and page jobs are taken over soon, long enough
      // that a busy machine renews them: at 2 s the resumed import lost its poll lock and stopped,
      // at 5 s and load 16 its page jobs lost their locks and stalled.
      LAPOR_BRIDGE__PIPELINE__POLLLOCKMS: '15000',
      LAPOR_BRIDGE__PIPELINE__JOBLOCKMS: '15000',
      LAPOR_BRIDGE__PIPELINE__CONCURRENCY__INGEST: '16',
      // The summary in English, by choice (import-interrupt.test.ts reads it in Indonesian).
      LAPOR_BRIDGE_LANG: 'en',
    };
    const store = createStore(redis.redis, redis.prefix, systemClock, { failingAfter: 3 });
    const tallyKey = store.keys.importRun('arsip', await fingerprintOf(csv));

    // Kill the first run part-way through reading (no graceful anything).
    const first = spawnCli(['import', '--channel', 'arsip', csv, '--config', config], env);
    await waitFor(
      async () => Number(await redis!.redis.hget(tallyKey, 'rows')) >= 15_000,
      40_000,
      () => `rows counted before the kill\n${first.output().stderr}`,
    );
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = Number(await redis.redis.hget(tallyKey, 'rows'));
    expect(atKill).toBeLessThan(TOTAL);

    const second = await spawnCli(['import', '--channel', 'arsip', csv, '--config', config], env).exited;
    expect(second.code).toBe(0);
    expect(second.stderr.split('\n').filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
    const expected = expectedCounts(TOTAL);
    expect(second.stdout).toMatch(/^resuming .*rekap-2023\.csv: csv, windows-1252, 7 columns/m);
    expect(second.stdout).toMatch(line('rows read', TOTAL));
    expect(second.stdout).toMatch(line('imported', expected.imported));
    expect(second.stdout).toMatch(line('duplicate', expected.repeated));
    expect(second.stdout).toContain(
      `0 already in the ledger, ${expected.repeated} repeated in this file (same number and content)`,
    );
    expect(second.stdout).toMatch(line('rejected', expected.rejected));
    expect(second.stdout).toMatch(new RegExp(`^\\s+${expected.rejected}\\s+missing text$`, 'm'));

    // Exactly one complaint per distinct number, each created once, across the kill.
    expect(await store.ledger.count()).toBe(expected.imported);
    expect(await redis.redis.hlen(store.keys.externalIds('arsip'))).toBe(expected.imported);
    const audit = await readStream(redis.redis, store.keys.audit(), 200_000);
    expect(audited(audit, 'created')).toHaveLength(expected.imported);
    expect((await store.quarantine.entries.list(1000)).length).toBe(expected.rejected);

    // The same data as XLSX, into the same channel: every row is a duplicate or a reject, nothing changes.
    const xlsx = join(dir, 'rekap-2023.xlsx');
    await writeXlsx(xlsx, rows);
    const logs = captureLogger('warn');
    const lifecycle = new Lifecycle(logs.logger);
    const runtime = await openRuntime(loadConfig({ file: config, env }), logs.logger, lifecycle);
    try {
      const result = await runImport({ runtime, lifecycle }, { channel: 'arsip', file: xlsx });
      expect(result.outcome).toBe('done');
      expect(result.reading).toMatch(/rekap-2023\.xlsx: xlsx, xlsx, 7 columns/);
      expect(result.tally).toMatchObject({
        rows: TOTAL,
        imported: 0,
        known: expected.imported,
        repeated: expected.repeated,
        rejected: expected.rejected,
      });
      expect(result.notInLedger).toBe(0);
    } finally {
      await lifecycle.stop(10_000);
    }
    const after = await readStream(redis.redis, store.keys.audit(), 200_000);
    expect(audited(after, 'updated')).toEqual([]);
    expect(await store.ledger.count()).toBe(expected.imported);
    // Two passes over 50,000 rows in child processes: two minutes on a machine at load 10, over
    // three at load 13. The limit only ends a hung run; the work itself is what is tested.
  }, 600_000);
});
