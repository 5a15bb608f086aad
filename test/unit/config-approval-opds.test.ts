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
      dinkes: false
      setda: false
      Dinas Pendidikan: false
      Disdukcapil: false
      Dinas Kesehatn: false
      Dinas Pariwisata Antariksa: false
`;

describe('push.approval.opds against the OPD directory', () => {
  it('takes directory codes; a name or alias is refused naming the code to write; an unknown key names the nearest unit', () => {
    let problems: ConfigError['problems'] = [];
    try {
      loadConfig({ file: file(APPROVAL), env: {} });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems = err.problems;
    }
    expect(problems.map((p) => p.path)).toEqual([
      'push.approval.opds.Dinas Pendidikan',
      'push.approval.opds.Disdukcapil',
      'push.approval.opds.Dinas Kesehatn',
      'push.approval.opds.Dinas Pariwisata Antariksa',
    ]);
    expect(problems[0]).toMatchObject({
      message: '"Dinas Pendidikan" adalah nama Dinas Pendidikan; kunci push.approval.opds adalah kode direktori',
      hint: 'tulis kodenya: disdik',
    });
    expect(problems[1]).toMatchObject({ hint: 'tulis kodenya: disdukcapil' });
    expect(problems[2]).toMatchObject({
      message: 'OPD "Dinas Kesehatn" tidak ada di direktori OPD',
      hint: expect.stringMatching(/^maksudnya Dinas Kesehatan\? tulis kodenya: dinkes; .*lapor-bridge opd list/),
    });
    expect(problems[3]!.hint).toContain('opd.directory');
    // Codes are fine.
    expect(() =>
      loadConfig({
        file: file('push:\n  approval:\n    required: true\n    opds: { setda: false, dinkes: false }\n'),
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
    expect(run.stderr).toContain('tulis kodenya: disdik');
    expect(run.stderr).not.toContain('push.approval.opds.setda');
  }, 60_000);
});
