import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ConfigError, loadConfig } from '../../../../src/config/load.js';
import { secretsOf } from '../../../../src/connectors/registry.js';
import { PRESETS_DIR } from '../../../integration/regional/support.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests edit arbitrary parts of a parsed YAML tree
type YamlTree = Record<string, any>;

const dir = mkdtempSync(join(tmpdir(), 'lb-rest-config-'));
// The messages are matched as English words: read in English, the language an operator may choose.
const ENV = { WA_DESK_TOKEN: 't', LAPOR_BRIDGE_LANG: 'en' };
const preset = () =>
  parse(readFileSync(`${PRESETS_DIR}wa-desk.yaml`, 'utf8')) as { sources: { wadesk: Record<string, unknown> } };

/** validate-config's problems for the WhatsApp preset after `change`. */
function problemsAfter(change: (source: YamlTree) => void): { path: string; message: string }[] {
  const doc = preset();
  change(doc.sources.wadesk);
  const file = join(dir, `c-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, stringify(doc));
  try {
    loadConfig({ file, env: ENV });
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems.map((p) => ({ path: p.path, message: p.message }));
  }
}

describe('rest config: validate-config checks the mapping', () => {
  it('accepts every preset as shipped', () => {
    for (const [file, env] of [
      ['wa-desk.yaml', ENV],
      [
        'superapp.yaml',
        { SUPERAPP_CLIENT_ID: 'a', SUPERAPP_CLIENT_SECRET: 'b', SUPERAPP_API_KEY: 'c', SUPERAPP_PARTNER_ID: 'd' },
      ],
      ['bupati-app.yaml', { BUPATI_APP_USER: 'a', BUPATI_APP_PASSWORD: 'b' }],
      ['open311.yaml', { OPEN311_API_KEY: 'k' }],
    ] as const) {
      expect(() => loadConfig({ file: `${PRESETS_DIR}${file}`, env })).not.toThrow();
    }
  });

  it.each<[string, (s: YamlTree) => void, { path: string; message: RegExp }]>([
    [
      'an unknown key in fields',
      (s) => (s.fields.txet = 'message'),
      { path: 'sources.wadesk.fields.txet', message: /unknown key/ },
    ],
    [
      'a path that is not a dot path',
      (s) => (s.fields.text = 'message..body'),
      { path: 'sources.wadesk.fields.text', message: /dot path/ },
    ],
    [
      'a path with brackets',
      (s) => (s.fields.id = 'items[0].id'),
      { path: 'sources.wadesk.fields.id', message: /dot path/ },
    ],
    [
      'an unknown canonical status',
      (s) => (s.status.map['Ditutup'] = 'closed_forever'),
      { path: 'sources.wadesk.status.map.Ditutup', message: /expected one of/ },
    ],
    [
      'an unknown canonical status in the write-back map',
      (s) => (s.writeBack.status.map.finished = 'Selesai'),
      { path: 'sources.wadesk.writeBack.status.map.finished', message: /./ },
    ],
    [
      'status with both path and combine',
      (s) => (s.status.combine = 'bupati-opd'),
      { path: 'sources.wadesk.status', message: /exactly one of "path" or "combine"/ },
    ],
    [
      'an unknown combiner',
      (s) => (s.status = { combine: 'camat-opd', inputs: {}, map: {} }),
      { path: 'sources.wadesk.status.combine', message: /expected "bupati-opd"/ },
    ],
    [
      'an unknown paging style',
      (s) => (s.list.paging.style = 'infinite'),
      { path: 'sources.wadesk.list.paging.style', message: /./ },
    ],
    [
      'a timestamp style without sinceParam',
      (s) => (s.list.paging = { style: 'timestamp' }),
      { path: 'sources.wadesk.list.paging.sinceParam', message: /./ },
    ],
    [
      'an unknown placeholder in a write-back template',
      (s) => (s.writeBack.trackingId.send.body.trackingId = '${trackingID}'),
      { path: 'sources.wadesk.writeBack.trackingId', message: /unknown placeholder \$\{trackingID\}/ },
    ],
    [
      'append without listPath',
      (s) => delete s.writeBack.response.listPath,
      { path: 'sources.wadesk.writeBack.response.listPath', message: /needs listPath/ },
    ],
    [
      'a credential in plain headers',
      (s) => (s.headers = { Authorization: 'Bearer abc' }),
      { path: 'sources.wadesk.headers.Authorization', message: /carries a credential/ },
    ],
    [
      'a secret value where an env name belongs',
      (s) => (s.auth.tokenEnv = 'abc123secret'),
      { path: 'sources.wadesk.auth.tokenEnv', message: /./ },
    ],
    [
      'an enrich path using another placeholder',
      (s) => (s.enrich[0].path = '/api/reports/${externalId}'),
      { path: 'sources.wadesk.enrich.0.path', message: /only \$\{id\}/ },
    ],
    [
      'a bad default offset',
      (s) => (s.records = { defaultOffset: 'WIB' }),
      { path: 'sources.wadesk.records.defaultOffset', message: /offset/ },
    ],
    [
      'a broken cross-reference pattern',
      (s) => (s.fields.crossRefs[0].pattern = '(\\d+'),
      { path: 'sources.wadesk.fields.crossRefs.0.pattern', message: /regular expression/ },
    ],
  ])('reports %s', (_label, change, expected) => {
    const problems = problemsAfter(change);
    expect(problems).toContainEqual({
      path: expected.path,
      message: expect.stringMatching(expected.message) as string,
    });
  });

  it('names the secrets a source needs, for the daemon and validate-config', () => {
    const { config } = loadConfig({
      file: `${PRESETS_DIR}superapp.yaml`,
      env: { SUPERAPP_CLIENT_ID: 'a', SUPERAPP_CLIENT_SECRET: 'b', SUPERAPP_API_KEY: 'c', SUPERAPP_PARTNER_ID: 'd' },
    });
    expect(secretsOf(config.sources.superapp!).sort()).toEqual([
      'SUPERAPP_API_KEY',
      'SUPERAPP_CLIENT_ID',
      'SUPERAPP_CLIENT_SECRET',
      'SUPERAPP_PARTNER_ID',
    ]);
  });
});
