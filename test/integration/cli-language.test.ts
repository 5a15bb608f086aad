import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLaporSandbox, type LaporSandbox } from '../../src/sandbox/lapor/index.js';
import { runCli } from '../support/cli.js';
import { laporSourceConfig } from '../support/lapor-source.js';
import { startTestPipeline, type TestPipeline } from '../support/pipeline.js';
import { TEST_REDIS_URL } from '../support/redis.js';

/**
 * The real CLI speaks Indonesian unless told otherwise (LANG=en_… or instance.language: en):
 * its help, commander's own errors and what `sync` reports, counted on the LAPOR sandbox.
 */
const ID = { LANG: 'C.UTF-8' };
const EN = { LANG: 'en_US.UTF-8' };

let pipe: TestPipeline | undefined;
let sandbox: LaporSandbox | undefined;
afterEach(async () => {
  await pipe?.stop();
  await sandbox?.close();
  pipe = sandbox = undefined;
});

describe('the CLI in Indonesian by default and English by choice (real CLI)', () => {
  it('--help: Indonesian by default, English by LANG or by instance.language in the configuration', async () => {
    const id = await runCli(['--help'], ID);
    expect(id.code).toBe(0);
    expect(id.stdout).toContain('Pemakaian: lapor-bridge [options] [command]');
    expect(id.stdout).toMatch(/Perintah:[\s\S]*sync \[options\]\s+tarik satu sumber sekarang/);
    expect(id.stdout).toMatch(/rekap \[options\]\s+rekap per OPD/);
    expect(id.stdout).not.toMatch(/Usage:|Commands:|display help|poll one source/);

    const en = await runCli(['sync', '--help'], EN);
    expect(en.stdout).toContain('Usage: lapor-bridge sync [options]');
    expect(en.stdout).toContain('poll one source now (from its saved cursor)');
    expect(en.stdout).toMatch(/-s, --source <name>\s+source name from the configuration/);

    const dir = mkdtempSync(join(tmpdir(), 'lb-lang-'));
    const file = join(dir, 'config.yaml');
    writeFileSync(file, 'instance:\n  language: en\n');
    const configured = await runCli(['--config', file, 'sync', '--help'], ID);
    expect(configured.stdout).toContain('poll one source now (from its saved cursor)');
    const idSync = await runCli(['sync', '--help'], ID);
    expect(idSync.stdout).toContain('Pemakaian: lapor-bridge sync [options]');
    expect(idSync.stdout).toMatch(/-s, --source <name>\s+nama sumber di konfigurasi/);
    expect(idSync.stdout).toMatch(/-h, --help\s+tampilkan bantuan perintah ini/);
  }, 60_000);

  it("commander's own errors in the reader's language", async () => {
    const id = await runCli(['sync'], ID);
    expect(id.code).toBe(1);
    expect(id.stderr).toContain("galat: opsi wajib '-s, --source <name>' belum diberikan");
    const en = await runCli(['rekap', '--format', 'pdf'], EN);
    expect(en.stderr).toContain(
      "error: option '--format <format>' argument 'pdf' is invalid: expected one of table, json, csv, xlsx",
    );
    const typo = await runCli(['synk'], ID);
    expect(typo.stderr).toContain("galat: perintah 'synk' tidak dikenal\n(maksudnya sync?)");
  }, 60_000);

  it("sync says what it fetched in Indonesian, and in English when asked; the counts are the sandbox's", async () => {
    // The sandbox clock stands still: nothing changes at the source between the two syncs.
    const frozen = new Date();
    sandbox = await startLaporSandbox({ reports: 60, seed: 5, now: () => frozen });
    const visible = sandbox.visibleTrackingIds().length;
    expect(visible).toBeGreaterThan(20);
    const config = laporSourceConfig(sandbox, { pageSize: 20 });
    // No daemon has run on this Redis: the answers the sync pulls are read under the command's own rules.
    pipe = await startTestPipeline({ file: config, env: { LAPOR_TOKEN: sandbox.token }, workers: false });
    const env = {
      REDIS_URL: TEST_REDIS_URL,
      LAPOR_BRIDGE__REDIS__KEYPREFIX: pipe.redis.prefix,
      LAPOR_TOKEN: sandbox.token,
    };

    const first = await runCli(['--config', config, 'sync', '--source', 'lapor'], { ...env, ...ID });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const pages = Math.ceil(visible / 20);
    expect(first.stdout).toMatch(
      new RegExp(
        `^lapor: selesai; (${pages}|${pages + 1}) halaman, ${visible} rekaman \\(${visible} aduan baru\\), 0 dikarantina\\n$`,
      ),
    );

    const second = await runCli(['--config', config, 'sync', '--source', 'lapor'], { ...env, ...EN });
    expect(second.stderr).toBe('');
    expect(second.stdout).toMatch(/^lapor: done; \d+ pages, \d+ records \(0 new complaints\), 0 quarantined\n$/);
  }, 90_000);
});
