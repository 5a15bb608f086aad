import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type LoadOptions } from '../../src/config/load.js';
import { messages } from '../../src/i18n/messages.js';

/**
 * Configuration errors are for people: every problem's text and fix come from the catalogue,
 * Indonesian by default and English by choice (LANG, LAPOR_BRIDGE_LANG, instance.language),
 * the generic ones included (zod's own words, in its locale of that language).
 */

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'lb-config-lang-')), 'config.yaml');
  writeFileSync(path, text);
  return path;
}

function errorOf(options: LoadOptions): ConfigError {
  try {
    loadConfig(options);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

/** One of each kind of mistake: the file's own rules, a generic type, an unknown key, a connector's rule, the sandbox. */
const MISTAKES = [
  'http:',
  '  port: tinggi',
  '  hots: 0.0.0.0',
  'redis:',
  '  url: localhost:6379',
  'monitoring:',
  '  dailySummary: { enabled: true }',
  'sandbox:',
  '  enabled: false',
  'sources:',
  '  lapor:',
  '    kind: lapor',
  '    baseUrl: sandbox:lapor',
  '    instansiId: "3316"',
  '  wadesk:',
  '    kind: rest',
  '    baseUrl: https://wa.example.go.id',
  '    schedule: tiap lima menit',
  '    headers: { Authorization: Bearer abc }',
  '    list: { path: /reports, itemsPath: data, paging: { style: timestamp, sinceParam: since, sinceField: updatedAt } }',
  '    fields: { id: _id, text: message, reportedAt: createdAt }',
].join('\n');

/** Words of English that never appear in an Indonesian problem (keys, paths and values aside). */
const ENGLISH = /\b(the|must|expected|unknown|did you mean|not a|needs|set|use|remove|Invalid|received)\b/;

describe('configuration errors in the reader language', () => {
  it('are Indonesian by default: each key, problem and fix from the catalogue', () => {
    const error = errorOf({ file: file(MISTAKES), env: { LANG: 'C.UTF-8' } });
    const t = messages('id').config;
    const byPath = Object.fromEntries(error.problems.map((p) => [p.path, p]));
    expect(Object.keys(byPath).sort()).toEqual([
      'http.hots',
      'http.port',
      'monitoring.notify',
      'redis.url',
      'sources.lapor.baseUrl',
      'sources.wadesk.headers.Authorization',
      'sources.wadesk.schedule',
    ]);
    expect(byPath['http.hots']).toMatchObject({
      message: t.unknownKey,
      hint: expect.stringContaining('maksudnya "host"'),
    });
    expect(byPath['http.port']!.hint).toBe(t.hintsByPath['http.port']);
    expect(byPath['http.port']!.message).toMatch(/^Input tidak valid/);
    expect(byPath['redis.url']!.message).toBe(t.schema.redisUrl);
    expect(byPath['monitoring.notify']!.message).toBe(t.schema.noChannel);
    expect(byPath['sources.lapor.baseUrl']).toMatchObject({
      message: t.sandboxOff('sandbox:lapor'),
      hint: t.sandboxOffHint('sources.lapor.baseUrl'),
    });
    expect(byPath['sources.wadesk.headers.Authorization']!.message).toBe(t.schema.credentialHeader('Authorization'));
    expect(byPath['sources.wadesk.schedule']!.message).toBe(t.schema.cronEvery('*/5 * * * *'));
    expect(error.message.split('\n')[0]).toBe('konfigurasi punya 7 masalah:');
    for (const p of error.problems) {
      expect(p.message, p.path).not.toMatch(ENGLISH);
      expect(p.hint, p.path).not.toMatch(ENGLISH);
    }
  });

  it('name a missing secret and an unknown OPD in Indonesian too', () => {
    const error = errorOf({
      file: file(
        'sandbox: { enabled: false }\nsources:\n  lapor: { kind: lapor, baseUrl: "https://lapor.example.go.id", instansiId: "3316" }\nrouting:\n  rules: [{ keywords: [banjir], opd: dinas-entah }]\n',
      ),
      env: { LANG: 'C.UTF-8' },
    });
    expect(error.problems).toEqual([
      {
        path: 'sources.lapor',
        message: 'butuh rahasia LAPOR_TOKEN, yang belum diisi',
        hint: 'export LAPOR_TOKEN=... di lingkungan daemon, atau isi sources.lapor.enabled dengan false',
      },
      {
        path: 'routing.rules.0.opd',
        message: 'OPD "dinas-entah" tidak ada di direktori OPD',
        hint: 'pakai kode unit dari opd.directory (lapor-bridge opd list)',
      },
    ]);
  });

  it.each([
    ['LANG', { LANG: 'en_US.UTF-8' }, ''],
    ['instance.language in the file', { LANG: 'C.UTF-8' }, 'instance:\n  language: en\n'],
  ])('are English when %s says so, naming the same keys', (_how, env, prefix) => {
    const indonesian = errorOf({ file: file(MISTAKES), env: { LANG: 'C.UTF-8' } });
    const english = errorOf({ file: file(prefix + MISTAKES), env });
    const t = messages('en').config;
    expect(english.problems.map((p) => p.path)).toEqual(indonesian.problems.map((p) => p.path));
    const byPath = Object.fromEntries(english.problems.map((p) => [p.path, p]));
    expect(byPath['http.hots']).toMatchObject({
      message: 'unknown key',
      hint: expect.stringContaining('did you mean "host"'),
    });
    expect(byPath['http.port']!.message).toMatch(/^Invalid input/);
    expect(byPath['redis.url']!.message).toBe('must start with redis:// or rediss://');
    expect(byPath['sources.wadesk.headers.Authorization']!.message).toBe(t.schema.credentialHeader('Authorization'));
    expect(english.message.split('\n')[0]).toBe('configuration has 7 problems:');
  });

  it('a file that cannot be read or parsed says so in the language of the environment', () => {
    expect(errorOf({ file: '/nonexistent/lapor.yaml', env: { LANG: 'C.UTF-8' } }).problems[0]).toMatchObject({
      message: '/nonexistent/lapor.yaml tidak bisa dibaca (ENOENT)',
      hint: messages('id').config.file.cannotReadHint,
    });
    expect(errorOf({ file: file('http:\n  port: [1, 2\n'), env: { LANG: 'en_US.UTF-8' } }).problems[0]!.hint).toBe(
      messages('en').config.file.yamlHint,
    );
  });
});
