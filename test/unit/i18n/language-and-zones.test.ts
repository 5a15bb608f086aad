import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/load.js';
import { en } from '../../../src/i18n/catalog-en.js';
import { id } from '../../../src/i18n/catalog-id.js';
import { chooseLanguage } from '../../../src/i18n/messages.js';
import { localTime, zoneLabel } from '../../../src/i18n/zone.js';

function problemsOf(yaml: string, env: NodeJS.ProcessEnv = {}): ConfigError {
  const file = join(mkdtempSync(join(tmpdir(), 'lb-i18n-')), 'config.yaml');
  writeFileSync(file, yaml);
  try {
    loadConfig({ file, env });
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('configuration was accepted');
}

/** Every leaf of a catalogue, as dotted paths. */
function leaves(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    v && typeof v === 'object' ? leaves(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('language', () => {
  it.each([
    [undefined, {}, 'id'],
    ['auto', { LANG: 'C.UTF-8' }, 'id'],
    ['auto', { LANG: 'id_ID.UTF-8' }, 'id'],
    ['auto', { LANG: 'en_US.UTF-8' }, 'en'],
    ['auto', { LC_ALL: 'en_GB.UTF-8', LANG: 'id_ID.UTF-8' }, 'en'],
    ['auto', { LANG: 'en_US.UTF-8', LAPOR_BRIDGE_LANG: 'id' }, 'id'],
    ['id', { LANG: 'en_US.UTF-8', LAPOR_BRIDGE_LANG: 'en' }, 'id'],
    ['en', {}, 'en'],
  ] as const)('setting %s with %j reads %s', (setting, env, expected) => {
    expect(chooseLanguage(setting, env)).toBe(expected);
  });

  it('the English catalogue has every message of the Indonesian one, and they differ', () => {
    expect(leaves(en).sort()).toEqual(leaves(id).sort());
    expect(en.config.header(2)).not.toBe(id.config.header(2));
  });

  it('the loaded configuration carries the language people read', () => {
    expect(loadConfig({ env: {} }).language).toBe('id');
    expect(loadConfig({ env: { LANG: 'en_US.UTF-8' } }).language).toBe('en');
    expect(loadConfig({ env: { LANG: 'en_US.UTF-8', LAPOR_BRIDGE__INSTANCE__LANGUAGE: 'id' } }).language).toBe('id');
  });
});

describe('time zone', () => {
  it('refuses an unknown zone with its key, the likely zone and the fix, in Indonesian by default', () => {
    const error = problemsOf('instance:\n  timezone: Asia/Jakrta\n');
    expect(error.problems).toEqual([
      expect.objectContaining({
        path: 'instance.timezone',
        message: 'zona waktu "Asia/Jakrta" tidak dikenal',
        hint: expect.stringContaining('maksudnya "Asia/Jakarta"'),
      }),
    ]);
    expect(error.problems[0]!.origin).toMatch(/config\.yaml$/);
    expect(error.message).toMatch(/^konfigurasi punya 1 masalah:/);
  });

  it('speaks English when the operator chose it, and names the environment variable the value came from', () => {
    const error = problemsOf('instance:\n  name: Uji\n', {
      LANG: 'en_US.UTF-8',
      LAPOR_BRIDGE__INSTANCE__TIMEZONE: 'Asia/Makasar',
    });
    expect(error.problems).toEqual([
      expect.objectContaining({
        path: 'instance.timezone',
        message: 'unknown time zone "Asia/Makasar"',
        hint: expect.stringContaining('did you mean "Asia/Makassar"'),
        origin: 'LAPOR_BRIDGE__INSTANCE__TIMEZONE',
      }),
    ]);
    expect(error.message).toMatch(/^configuration has 1 problem:/);
    expect(error.message).toContain('fix: did you mean');
  });

  it('refuses a zone with daylight saving, which working days cannot count in', () => {
    const error = problemsOf('instance:\n  timezone: Europe/Amsterdam\n');
    expect(error.problems[0]).toMatchObject({
      path: 'instance.timezone',
      message: expect.stringContaining('waktu musim panas'),
    });
  });

  it.each([
    ['Asia/Jakarta', '2026-03-02 09:00 WIB'],
    ['Asia/Pontianak', '2026-03-02 09:00 WIB'],
    ['Asia/Makassar', '2026-03-02 10:00 WITA'],
    ['Asia/Jayapura', '2026-03-02 11:00 WIT'],
    ['UTC', '2026-03-02 02:00 UTC'],
  ])('shows a moment in %s as %s', (zone, shown) => {
    expect(localTime('2026-03-02T02:00:00Z', zone)).toBe(shown);
    expect(zoneLabel(zone)).toBe(shown.split(' ')[2]);
  });
});
