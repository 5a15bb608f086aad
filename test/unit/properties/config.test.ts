import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { parse, parseDocument, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/load.js';
import type { ConfigProblem } from '../../../src/config/problems.js';
import { runCli } from '../../support/cli.js';

/**
 * The configuration loader under any mix of mistakes: each one is named in the same run by
 * its key, with what is wrong and the fix, and nothing else gets through.
 */

const dir = mkdtempSync(join(tmpdir(), 'lb-config-props-'));
let files = 0;
function file(text: string): string {
  const path = join(dir, `config-${++files}.yaml`);
  writeFileSync(path, text);
  return path;
}

/** A configuration with one valid source, to which each mistake adds its part. */
const VALID_SOURCE = {
  kind: 'rest',
  baseUrl: 'http://127.0.0.1:9/wa',
  auth: { scheme: 'bearer', tokenEnv: 'WA_DESK_TOKEN' },
  list: { path: '/api/reports', paging: { style: 'page', pageParam: 'page' } },
  fields: { id: '_id', text: 'message', reportedAt: 'createdAt', updatedAt: 'updatedAt' },
};

interface Tree {
  http?: object;
  pipeline?: object;
  instance?: object;
  sandbox: object;
  sources: { wadesk: object };
}

interface Mistake {
  /** Changes the file's tree and the environment. */
  apply(tree: Tree, env: Record<string, string>): void;
  /** The key the problem must name. */
  path: string;
  /** What the problem's text must mention, when something specific. */
  mentions?: string;
}

/** Whether the environment's YAML-scalar reading of the text is anything but a number. */
function notANumber(text: string): boolean {
  try {
    return typeof parse(text) !== 'number';
  } catch {
    return true;
  }
}
const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 3, maxLength: 12 });
const KNOWN_TOP = ['instance', 'redis', 'http', 'dashboard', 'accounts', 'logging', 'shutdown', 'pipeline', 'sandbox'];
const KNOWN_TOP_ALL = [
  ...KNOWN_TOP,
  'push',
  'calendar',
  'timelimits',
  'rekap',
  'opd',
  'routing',
  'dedup',
  'monitoring',
  'sources',
];

const mistakes: fc.Arbitrary<Mistake>[] = [
  // A wrong type where a number belongs, in the file.
  fc
    .oneof(
      fc.string().filter(notANumber),
      fc.boolean(),
      fc.array(fc.integer(), { maxLength: 2 }),
      fc.constant({ a: 1 }),
      fc.integer({ min: 65_536 }),
      fc.integer({ max: -1 }),
    )
    .map((value) => ({ apply: (t) => void (t.http = { ...t.http, port: value }), path: 'http.port' })),
  fc.oneof(fc.string().filter(notANumber), fc.integer({ max: 0 }), fc.double({ min: 0.1, max: 0.9 })).map((value) => ({
    apply: (t) => void (t.pipeline = { ...t.pipeline, concurrency: { ingest: value } }),
    path: 'pipeline.concurrency.ingest',
  })),
  // An unknown key.
  word
    .filter((w) => !['host', 'port'].includes(w) && !w.startsWith('request'))
    .map((key) => ({
      apply: (t) => void (t.http = { ...t.http, [key]: 1 }),
      path: `http.${key}`,
      mentions: 'kunci tidak dikenal',
    })),
  // A time zone nobody has.
  fc
    .oneof(
      word.map((w) => `Asia/${w}`),
      fc.string({ minLength: 1 }),
      fc.constantFrom('WIB', 'GMT+25', 'Mars/Olympus'),
    )
    .filter((zone) => typeof zone === 'string' && zone.trim() !== '' && !IANAZone.isValidZone(zone))
    .map((zone) => ({
      apply: (t) => void (t.instance = { ...t.instance, timezone: zone }),
      path: 'instance.timezone',
    })),
  // Junk in an environment override of a number, and an override of a key that does not exist.
  fc
    .string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 20 })
    .filter((junk) => junk.trim() !== '' && notANumber(junk))
    .map((junk) => ({
      apply: (_t, env) => void (env.LAPOR_BRIDGE__PIPELINE__BACKOFFMS = junk),
      path: 'pipeline.backoffMs',
      mentions: '',
    })),
  word
    .filter((w) => !KNOWN_TOP_ALL.includes(w))
    .map((key) => ({
      apply: (_t, env) => void (env[`LAPOR_BRIDGE__${key.toUpperCase()}__X`] = '1'),
      path: key,
      mentions: 'kunci tidak dikenal',
    })),
  // A secret the environment does not hold.
  fc
    .string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ_'), minLength: 4, maxLength: 16 })
    .filter((name) => /^[A-Z]/.test(name))
    .map((name) => ({
      apply: (t) => void (t.sources.wadesk = { ...t.sources.wadesk, auth: { scheme: 'bearer', tokenEnv: `X${name}` } }),
      path: 'sources.wadesk',
      mentions: `X${name}`,
    })),
  // A value outside its choices.
  word.map((language) => ({
    apply: (t) => void (t.instance = { ...t.instance, language }),
    path: 'instance.language',
  })),
];

function problemsOf(tree: Tree, env: Record<string, string>): readonly ConfigProblem[] {
  try {
    loadConfig({
      file: file(stringify(tree)),
      env: { REDIS_URL: 'redis://127.0.0.1:6379', WA_DESK_TOKEN: 't', ...env },
    });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

// A load reads the defaults and the OPD directory (tens of ms): fewer runs than the pure properties.
describe(
  'every configuration mistake is named in one run, with its key, the problem and the fix',
  { timeout: 120_000 },
  () => {
    it('any mix of wrong types, unknown keys, bad zones, junk overrides and missing secrets', () => {
      fc.assert(
        fc.property(
          fc
            .uniqueArray(fc.nat({ max: mistakes.length - 1 }), { minLength: 1, maxLength: 5 })
            .chain((picked) => fc.tuple(...picked.map((i) => mistakes[i]!))),
          (chosen) => {
            const tree: Tree = { sandbox: { enabled: false }, sources: { wadesk: { ...VALID_SOURCE } } };
            const env: Record<string, string> = {};
            for (const m of chosen) m.apply(tree, env);
            const problems = problemsOf(tree, env);
            for (const m of chosen) {
              const named = problems.filter((p) => p.path === m.path);
              expect(named, `${m.path} in ${JSON.stringify(problems.map((p) => p.path))}`).not.toEqual([]);
              if (m.mentions) expect(named.some((p) => `${p.message} ${p.hint}`.includes(m.mentions!))).toBe(true);
            }
            for (const p of problems) {
              expect(p.message.trim()).not.toBe('');
              expect(p.hint.trim()).not.toBe('');
            }
          },
        ),
        { numRuns: 80 },
      );
    });

    it('YAML that does not parse is named by file and line', () => {
      const breakage = fc.constantFrom(
        'a: [1',
        'b: : :',
        '"unterminated',
        '{a: 1',
        'x:\n\t- tab',
        '*no_such_alias',
        'k: v\nk: w',
        '- a\nb: c',
        '@reserved',
      );
      const broken = fc
        .tuple(fc.string({ maxLength: 20 }), breakage, fc.string({ maxLength: 20 }))
        .map(([before, bad, after]) => `${before}\n${bad}\n${after}`)
        .filter((text) => parseDocument(text).errors.length > 0);
      fc.assert(
        fc.property(broken, (text) => {
          const path = file(text);
          let named: readonly ConfigProblem[] = [];
          try {
            loadConfig({ file: path, env: { REDIS_URL: 'redis://127.0.0.1:6379' } });
          } catch (err) {
            if (!(err instanceof ConfigError)) throw err;
            named = err.problems;
          }
          const yaml = named.filter((p) => p.path === '(yaml)');
          expect(yaml.length).toBeGreaterThan(0);
          for (const p of yaml) {
            expect(p.message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `));
            expect(p.hint).not.toBe('');
          }
        }),
        { numRuns: 60 },
      );
    });
  },
);

describe('validate-config (the real CLI)', { timeout: 60_000 }, () => {
  it('exits 2 and names every problem: key, what is wrong, the fix', async () => {
    const path = file(
      stringify({
        instance: { timezone: 'Asia/Blora' },
        http: { port: 'delapan-ribu', portt: 8080 },
        sandbox: { enabled: false },
        sources: { wadesk: { ...VALID_SOURCE, auth: { scheme: 'bearer', tokenEnv: 'WA_DESK_TOKEN_UNSET' } } },
      }),
    );
    const run = await runCli(['--config', path, 'validate-config'], {
      REDIS_URL: 'redis://127.0.0.1:6379',
      LAPOR_BRIDGE__PIPELINE__BACKOFFMS: 'lima detik',
      LAPOR_BRIDGE__NOPE__X: '1',
    });
    expect(run.code).toBe(2);
    for (const named of [
      'http.port',
      'http.portt',
      'instance.timezone',
      'pipeline.backoffMs',
      'LAPOR_BRIDGE__PIPELINE__BACKOFFMS',
      'nope',
      'LAPOR_BRIDGE__NOPE__X',
      'WA_DESK_TOKEN_UNSET',
    ])
      expect(run.stderr).toContain(named);
    // Each problem is followed by its fix.
    expect(run.stderr.match(/^ {2}- /gm)!.length).toBe(run.stderr.match(/^ {6}\S+: /gm)!.length);
  });
});
