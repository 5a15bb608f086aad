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
    // In Indonesian, as an operator reads it by default.
    const env = { REDIS_URL: TEST_REDIS_URL, LAPOR_BRIDGE__REDIS__KEYPREFIX: redis.prefix, LANG: 'C.UTF-8' };
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
    const at = /dihentikan setelah baris (\d+); jalankan perintah yang sama lagi untuk meneruskan/.exec(stopped.stderr);
    expect(at).not.toBeNull();
    expect(Number(at![1])).toBeLessThan(1000);
    expect(stopped.stdout).toMatch(new RegExp(`^  baris dibaca\\s+${at![1]}$`, 'm'));

    const second = await spawnCli(['import', '--channel', 'arsip', file, '--config', config], env).exited;
    expect(second.code).toBe(0);
    const expected = expectedCounts(1000);
    expect(second.stdout).toMatch(/^melanjutkan /m);
    expect(second.stdout).toMatch(/^ {2}baris dibaca\s+1\.000$/m);
    expect(second.stdout).toMatch(new RegExp(`^  diimpor\\s+${expected.imported}\\s+aduan baru$`, 'm'));
    expect(second.stdout).toMatch(/^ {2}ditolak\s+1\s+baris, alasan dan selnya di .*rekap\.rejects\.csv$/m);
  });
});
