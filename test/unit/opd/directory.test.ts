import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/load.js';
import { directoryFileSchema } from '../../../src/opd/directory-schema.js';
import { OpdDirectory } from '../../../src/opd/directory.js';
import { loadDirectory } from '../../../src/opd/load-directory.js';
import { BUPATI_OPD_IDS } from '../../../src/sandbox/regional/bupati/opds.js';
import { TOPIC_TREE } from '../../../src/sandbox/shared/complaint-topics.js';
import { BLORA_KECAMATAN } from '../../../src/sandbox/shared/blora-places.js';

const shipped = loadDirectory('config/opd/blora.yaml');

function directory(units: unknown[]): OpdDirectory {
  return new OpdDirectory(
    directoryFileSchema.parse({ pemda: { name: 'Pemkab Contoh', suffixes: ['Kab. Contoh'] }, units }),
    'test.yaml',
  );
}

describe('the shipped directory of Kabupaten Blora', () => {
  it('loads without problems', () => {
    expect(shipped.problems).toEqual([]);
    expect(shipped.directory).toBeDefined();
  });

  it('has every kecamatan once, under the pemda', () => {
    const d = shipped.directory!;
    const kecamatan = d.list().filter((u) => u.kind === 'kecamatan');
    expect(kecamatan).toHaveLength(16);
    expect(kecamatan.map((u) => u.name).sort()).toEqual(BLORA_KECAMATAN.map((k) => `Kecamatan ${k.name}`).sort());
    expect(kecamatan.every((u) => u.parent === 'pemkab')).toBe(true);
  });

  it.each([...new Set(TOPIC_TREE.flatMap((t) => t.children.map((c) => c.opd)))])(
    'resolves the sandbox OPD name "%s" from every demo source',
    (name) => {
      const d = shipped.directory!;
      const codes = ['lapor', 'wadesk', 'superapp', 'bupatiapp', 'open311', 'file-import']
        .map((s) => d.resolve([s], { name }))
        .map((r) => (r.kind === 'unit' ? r.unit.code : r.value));
      expect(new Set(codes).size).toBe(1);
      expect(d.get(codes[0]!)?.name).toBe(name);
    },
  );

  it.each(Object.entries(BUPATI_OPD_IDS))('resolves the Bupati app id of "%s" by id alone', (name, id) => {
    const r = shipped.directory!.resolve(['bupatiapp', 'rest'], { id });
    expect(r.kind === 'unit' && r.unit.name).toBe(name);
    expect(r.kind === 'unit' && r.by).toBe('id');
  });

  it('matches names loosely: case, punctuation, a trailing "Kab. Blora", short names and aliases', () => {
    const d = shipped.directory!;
    const code = (name: string) => {
      const r = d.resolve(['wadesk'], { name });
      return r.kind === 'unit' ? r.unit.code : r.kind;
    };
    expect(code('DINAS KESEHATAN KAB. BLORA')).toBe('dinkes');
    expect(code('dinas  pekerjaan umum & penataan ruang kabupaten blora')).toBe('dpupr');
    expect(code('Satpol PP')).toBe('satpolpp');
    expect(code('PDAM')).toBe('pdam');
    expect(code('Kecamatan Blora')).toBe('kec-blora');
    expect(code('Kel. Cepu')).toBe('kel-cepu');
    expect(code('Dinas Entah Berantah')).toBe('unknown');
  });

  it("knows superior units and the unit that holds a merged unit's work", () => {
    const d = shipped.directory!;
    expect(d.ancestors('kel-cepu').map((u) => u.code)).toEqual(['kec-cepu', 'pemkab']);
    expect(d.parentOf('rsud-cepu')?.code).toBe('dinkes');
    expect(d.parentOf('pemkab')).toBeUndefined();
    const old = d.resolve(['lapor'], { name: 'Dinas Koperasi dan Usaha Mikro' });
    expect(old.kind === 'unit' && old.unit.code).toBe('dinkop');
    expect(d.current('dinkop')?.code).toBe('dindagkop');
    expect(d.current('dinkes')?.code).toBe('dinkes');
    const renamed = d.resolve(['lapor'], { name: 'Dinas Sosial, Pemberdayaan Perempuan dan Keluarga Berencana' });
    expect(renamed.kind === 'unit' && [renamed.unit.code, renamed.by]).toEqual(['dinsos', 'former-name']);
  });

  it("prefers a system's own id over a name, and an id only means a unit in its own system", () => {
    const d = shipped.directory!;
    const r = d.resolve(['lapor'], { id: '331611', name: 'Dinas Pendidikan' });
    expect(r.kind === 'unit' && r.unit.code).toBe('dinkes');
    expect(d.resolve(['open311'], { id: '331611' }).kind).toBe('unknown');
  });
});

describe('directory checks', () => {
  it('names every problem with its key and fix, all at once', () => {
    const d = directory([
      { code: 'pemda', name: 'Pemkab Contoh', kind: 'pemda' },
      { code: 'dinkes', name: 'Dinas Kesehatan', kind: 'dinas', parent: 'pemda', short: ['Dinkes'] },
      { code: 'dinkes', name: 'Dinas Kesehatan Hewan', kind: 'dinas', parent: 'pemda' },
      { code: 'dlh', name: 'Dinas Lingkungan Hidup', kind: 'dinas', parent: 'pemdaa', aliases: ['dinkes'] },
      {
        code: 'a',
        name: 'A',
        kind: 'dinas',
        mergedInto: { code: 'b', on: '2024-01-01' },
        systems: { lapor: { id: '7' } },
      },
      {
        code: 'b',
        name: 'B',
        kind: 'dinas',
        mergedInto: { code: 'a', on: '2024-01-01' },
        systems: { lapor: { id: ['7', '8'] } },
      },
    ]);
    const byPath = Object.fromEntries(d.problems.map((p) => [p.path, p]));
    expect(Object.keys(byPath).sort()).toEqual(
      [
        'opd.units[2].code',
        'opd.units[3].aliases[0]',
        'opd.units[3].parent',
        'opd.units[4].mergedInto.code',
        'opd.units[5].mergedInto.code',
        'opd.units[5].systems.lapor.id[0]',
      ].sort(),
    );
    expect(byPath['opd.units[2].code']!.message).toMatch(/kode "dinkes" dipakai dua unit/);
    expect(byPath['opd.units[3].parent']!.hint).toMatch(/maksudnya "pemda"/);
    expect(byPath['opd.units[3].aliases[0]']!.message).toMatch(/diklaim dua unit: "dinkes"/);
    expect(byPath['opd.units[5].systems.lapor.id[0]']!.hint).toMatch(/simpan di satu unit saja/);
    expect(d.problems.every((p) => p.origin === 'test.yaml' && p.hint.length > 0)).toBe(true);
  });

  it('reports the shape of a broken file with paths and the file it came from', () => {
    const dir = mkdtempSync(join(tmpdir(), 'opd-'));
    const file = join(dir, 'x.yaml');
    writeFileSync(file, 'pemda: { name: X }\nunits:\n  - { code: Bad Code, name: X, kind: planet, colour: red }\n');
    const { directory: d, problems } = loadDirectory(file);
    expect(d).toBeUndefined();
    expect(problems.map((p) => p.path).sort()).toEqual(['opd.units[0]', 'opd.units[0].code', 'opd.units[0].kind']);
    expect(problems.every((p) => p.origin === file)).toBe(true);
    expect(loadDirectory(join(dir, 'missing.yaml')).problems[0]).toMatchObject({
      path: 'opd.directory',
      message: expect.stringMatching(/direktori OPD .* tidak bisa dibaca/),
    });
  });

  it("fails the whole configuration (validate-config, start) with the directory's problems among the others", () => {
    const dir = mkdtempSync(join(tmpdir(), 'opd-'));
    const file = join(dir, 'opd.yaml');
    writeFileSync(
      file,
      'pemda: { name: X }\nunits:\n  - { code: a, name: A, kind: dinas, parent: nowhere }\n  - { code: a, name: B, kind: dinas }\n',
    );
    let error: unknown;
    try {
      loadConfig({ env: { LAPOR_BRIDGE__OPD__DIRECTORY: file } });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.path)).toEqual(['opd.units[1].code', 'opd.units[0].parent']);
    expect((error as ConfigError).message).toMatch(/perbaiki: /);
    // In English when the operator reads English, the shape's own words included.
    const english = (() => {
      try {
        loadConfig({ env: { LAPOR_BRIDGE__OPD__DIRECTORY: file, LAPOR_BRIDGE_LANG: 'en' } });
      } catch (err) {
        return err as ConfigError;
      }
    })();
    expect(english?.problems.map((p) => p.message)).toEqual([
      'code "a" is used by two units ("A" and "B")',
      'parent "nowhere" of "a" is not in the directory',
    ]);
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'pemda: { name: X }\nunits:\n  - { code: Bad Code, name: X, kind: dinas, colour: red }\n');
    expect(
      loadDirectory(broken, 'en')
        .problems.map((p) => p.message)
        .sort(),
    ).toEqual(['a code is lower-case letters, digits and "-"', 'unknown key "colour"']);
    expect(
      loadDirectory(broken)
        .problems.map((p) => p.message)
        .sort(),
    ).toEqual(['kode hanya huruf kecil, angka dan "-"', 'kunci tidak dikenal "colour"']);
  });
});
