import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../../src/connectors/file-import/index.js';
import { ledgerKeys } from '../../../src/store/keys.js';
import { spawnCli, waitFor } from '../../support/cli.js';
import { TEST_REDIS_URL, testRedis, type TestRedis } from '../../support/redis.js';
import { expectedCounts, exportRows, importConfig, workDir, writeCsv } from './support.js';

let redis: TestRedis | undefined;
afterAll(async () => {
  await redis?.cleanup();
});

describe('lapor-bridge import, interrupted with Ctrl-C', () => {
  it('stops at a page boundary with the counts so far (exit 130), and the next run continues to an exact summary', async () => {
    redis = await testRedis('impint');
    const dir = workDir();
    // Small, slow pages: the interrupt lands in the middle of reading.
    const config = importConfig(dir, { pageSize: 50, pageDelayMs: 80 });
    const file = join(dir, 'rekap.csv');
    writeCsv(file, exportRows(1000), 'windows-1252');
    const env = { REDIS_URL: TEST_REDIS_URL, LAPOR_BRIDGE__REDIS__KEYPREFIX: redis.prefix };
    const tallyKey = ledgerKeys(redis.prefix).importRun('arsip', await fingerprintOf(file));

    const first = spawnCli(['import', '--channel', 'arsip', file, '--config', config], env);
    await waitFor(
      async () => Number(await redis!.redis.hget(tallyKey, 'rows')) >= 150,
      30_000,
      () => `rows counted\n${first.output().stderr}`,
    );
    first.child.kill('SIGINT');
    const stopped = await first.exited;
    expect(stopped.code).toBe(130);
    const at = /interrupted after row (\d+); run the same command again to continue/.exec(stopped.stderr);
    expect(at).not.toBeNull();
    expect(Number(at![1])).toBeLessThan(1000);
    expect(stopped.stdout).toMatch(new RegExp(`^  rows read\\s+${at![1]}$`, 'm'));

    const second = await spawnCli(['import', '--channel', 'arsip', file, '--config', config], env).exited;
    expect(second.code).toBe(0);
    const expected = expectedCounts(1000);
    expect(second.stdout).toMatch(/^resuming /m);
    expect(second.stdout).toMatch(/^ {2}rows read\s+1,000$/m);
    expect(second.stdout).toMatch(new RegExp(`^  imported\\s+${expected.imported}\\s+new complaints$`, 'm'));
    expect(second.stdout).toMatch(/^ {2}rejected\s+1\s+rows, reasons and cells in .*rekap\.rejects\.csv$/m);
  });
});
