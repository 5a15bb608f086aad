import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { runCli } from '../support/cli.js';

function file(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lb-approval-'));
  const path = join(dir, 'config.yaml');
  writeFileSync(path, text);
  return path;
}

const APPROVAL = `push:
  approval:
    required: true
    opds:
      Dinas Kesehatan: false
      setda: false
      Dinas Kesehatn: false
      Dinas Pariwisata Antariksa: false
`;

describe('push.approval.opds against the OPD directory', () => {
  it('names every key the directory does not know, with a fix; known names and codes pass', () => {
    let problems: ConfigError['problems'] = [];
    try {
      loadConfig({ file: file(APPROVAL), env: {} });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems = err.problems;
    }
    expect(problems.map((p) => p.path)).toEqual([
      'push.approval.opds.Dinas Kesehatn',
      'push.approval.opds.Dinas Pariwisata Antariksa',
    ]);
    expect(problems[0]).toMatchObject({
      message: 'OPD "Dinas Kesehatn" tidak ada di direktori OPD',
      hint: expect.stringMatching(/^maksudnya "Dinas Kesehatan"\? .*lapor-bridge opd list/),
    });
    expect(problems[1]!.hint).toContain('opd.directory');
    // The names the directory knows (by code, name, or with its suffix) are fine.
    expect(() =>
      loadConfig({
        file: file(
          'push:\n  approval:\n    required: true\n    opds: { setda: false, Dinas Kesehatan Kab. Blora: false }\n',
        ),
        env: {},
      }),
    ).not.toThrow();
  });

  it('validate-config prints key, problem and fix and exits 2', async () => {
    const run = await runCli(['validate-config', '--config', file(APPROVAL)], { LANG: 'C.UTF-8' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('push.approval.opds.Dinas Pariwisata Antariksa');
    expect(run.stderr).toContain('tidak ada di direktori OPD');
    expect(run.stderr).toContain('lapor-bridge opd list');
    expect(run.stderr).not.toContain('push.approval.opds.setda');
  }, 60_000);
});
