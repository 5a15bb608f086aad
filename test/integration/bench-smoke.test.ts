import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { TEST_REDIS_URL } from '../support/redis.js';

/** Runs `npm run bench`'s entry with tiny sizes. A smoke test: it checks the run completes and reports, never timings. */
function runBench(
  args: string[],
  entry = 'bench/run.ts',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('BENCH_') && !k.startsWith('LAPOR_BRIDGE')),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: ROOT,
    env: { ...env, REDIS_URL: TEST_REDIS_URL },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('npm run bench (smoke, tiny sizes)', () => {
  it('completes every scenario, prints its tables and deletes its keys', async () => {
    const run = await runBench(['--quick', '--reports', '120', '--ops', '40', '--records', '40', '--passes', '1']);
    expect(run.stderr).not.toMatch(/crashed/);
    expect(run.code).toBe(0);
    for (const heading of [
      '# lapor-bridge benchmarks',
      '## throughput: the pipeline against bare BullMQ on the same Redis',
      '## cost per record: redis commands and memory',
      '## idle poll: a source with nothing new',
      '## rekap of one month (March 2026) by ledger size',
      '## pure stages: per record, no I/O',
      '## ledger compare-and-set writes vs plain SET',
      '## end-to-end: LAPOR sandbox → poll → ingest → ledger',
      '## redis footprint after one poll',
      '## re-poll of unchanged data',
      '## where the time goes',
      '## memory of the benchmark process',
      '| ingest concurrency | records |',
      '| operation ',
      '| stage ',
      '| ceiling: a new record',
      "| a new record's work in all",
    ]) {
      expect(run.stdout).toContain(heading);
    }
    expect(run.stdout).toMatch(/^finished in [\d.]+ s$/m);

    const prefixes = /^cleaned up: \d+ keys of prefixes (.+)$/m.exec(run.stdout)?.[1]?.split(', ') ?? [];
    expect(prefixes.length).toBeGreaterThanOrEqual(3);
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      for (const prefix of prefixes) {
        for (const pattern of [`${prefix}:*`, `{${prefix}}:*`]) {
          const left: string[] = [];
          let cursor = '0';
          do {
            const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 5000);
            left.push(...keys);
            cursor = next;
          } while (cursor !== '0');
          expect(left, pattern).toEqual([]);
        }
      }
    } finally {
      await redis.quit();
    }
  }, 240_000);

  it('rejects an unknown scenario with a usage message (exit 2), touching nothing', async () => {
    const run = await runBench(['--only', 'nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown scenario nope');
    expect(run.stdout).toBe('');
  }, 60_000);

  it('bench:push reports approval-to-visible latency against the direct-post floor', async () => {
    const run = await runBench(['--quick'], 'bench/push.ts');
    expect(run.stderr).not.toMatch(/crashed/);
    expect(run.code).toBe(0);
    for (const heading of [
      '## push: approval → tindak lanjut visible on LAPOR',
      '| one at a time (20 ms apart)',
      '| floor: connector.postResponse, no pipeline',
      '## memory of the benchmark process',
    ])
      expect(run.stdout).toContain(heading);
    expect(run.stdout).toMatch(/^cleaned up: \d+ keys of prefixes lbbench-push-/m);
  }, 120_000);
});
