import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, MAX_YAML_ALIASES } from '../../src/config/load.js';
import { runCli } from '../support/cli.js';

function file(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lb-config-'));
  const path = join(dir, 'config.yaml');
  writeFileSync(path, text);
  return path;
}

/** The "billion laughs": each level repeats the one below nine times. */
const BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
].join('\n');

describe('YAML aliases in a config file', () => {
  it('an alias bomb is a config problem naming the limit, not a crash', () => {
    let problems: ConfigError['problems'] = [];
    try {
      loadConfig({ file: file(BOMB), env: {} });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems = err.problems;
    }
    expect(problems).toEqual([
      expect.objectContaining({
        path: '(yaml)',
        message: expect.stringContaining(`lebih dari ${MAX_YAML_ALIASES} perluasan alias`),
      }),
    ]);
  });

  it('a few aliases still work', () => {
    const { config } = loadConfig({
      file: file('pipeline:\n  attempts: &limits { poll: 3, ingest: 4 }\n  concurrency: *limits\n'),
      env: {},
    });
    expect(config.pipeline.concurrency).toEqual({ poll: 3, ingest: 4 });
  });

  it('validate-config exits 2 with the problem, without a stack trace', async () => {
    const run = await runCli(['--config', file(BOMB), 'validate-config']);
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toContain('alias');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
