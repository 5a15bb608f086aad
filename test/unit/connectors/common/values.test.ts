import { describe, expect, it } from 'vitest';
import { getFirst, getPath, withAppended } from '../../../../src/connectors/common/dot-path.js';
import { toCoordinate, toFlag, toId, toText, toUrls } from '../../../../src/connectors/common/values.js';
import { textProblem } from '../../../../src/connectors/common/text-check.js';
import { renderPath, renderTemplate, placeholdersOf } from '../../../../src/connectors/common/template.js';

describe('dot paths', () => {
  const doc = { user: { name: 'Sri' }, photos: [{ url: 'https://x/1.jpg' }], 'x-id': 7, empty: '' };
  it.each([
    ['user.name', 'Sri'],
    ['photos.0.url', 'https://x/1.jpg'],
    ['photos.1.url', undefined],
    ['x-id', 7],
    ['user.__proto__', undefined],
    ['constructor', undefined],
    ['user.name.length', undefined],
  ])('%s', (path, expected) => {
    expect(getPath(doc, path)).toEqual(expected);
  });

  it('takes the first non-empty of several paths', () => {
    expect(getFirst(doc, ['empty', 'missing', 'user.name'])).toBe('Sri');
  });

  it('appends to a nested list without touching the original', () => {
    const original = { data: { kesimpulan: [{ text: 'a' }] } };
    const next = withAppended(original, 'data.kesimpulan', { text: 'b' });
    expect(next).toEqual({ data: { kesimpulan: [{ text: 'a' }, { text: 'b' }] } });
    expect(original.data.kesimpulan).toHaveLength(1);
  });
});

describe('value readers', () => {
  it.each([
    ['abc', 'abc'],
    ['  12 ', '12'],
    [42, '42'],
    [1.5, undefined],
    [{ $oid: '65f1c0ffee' }, '65f1c0ffee'],
    ['', undefined],
    [null, undefined],
  ])('toId(%j) = %j', (input, expected) => {
    expect(toId(input)).toBe(expected);
  });

  it.each([
    [true, true],
    [false, false],
    [1, true],
    [0, false],
    ['1', true],
    ['0', false],
    ['ya', true],
    ['Tidak', false],
    [null, false],
    [undefined, false],
    ['mungkin', undefined],
    [2, undefined],
    [{}, undefined],
  ])('toFlag(%j) = %j', (input, expected) => {
    expect(toFlag(input)).toBe(expected);
  });

  it.each([
    ['-6.9712', 90, -6.9712],
    ['-6,9712', 90, -6.9712],
    [111.4, 180, 111.4],
    ['abc', 90, undefined],
    ['95', 90, undefined],
    ['', 90, undefined],
  ])('toCoordinate(%j, %i) = %j', (input, limit, expected) => {
    expect(toCoordinate(input, limit)).toBe(expected);
  });

  it('refuses a 16-digit number beyond exact integers (a Papua NIK) that JSON already rounded', () => {
    expect(toText(Number('9171012345678901'))).toBeUndefined();
    expect(toText('3316012345678901')).toBe('3316012345678901');
  });

  it('keeps only http(s) attachment URLs', () => {
    expect(toUrls([{ url: 'https://a/1.jpg' }, { url: 'javascript:alert(1)' }, { url: 'not a url' }], 'url')).toEqual([
      'https://a/1.jpg',
    ]);
    expect(toUrls('https://a/2.jpg')).toEqual(['https://a/2.jpg']);
    expect(toUrls(null)).toEqual([]);
  });
});

describe('text problems', () => {
  it.each([
    ['Jalan rusak di Desa Tempellemahbang', undefined],
    ['<script>alert(1)</script> Lampu mati', undefined],
    ['   ', 'missing text'],
    ['Jalan rusak \uFFFD\uFFFD', 'broken encoding: text contains replacement characters (U+FFFD)'],
    ['Jalan \uD800 rusak', 'broken encoding: text contains unpaired UTF-16 surrogates'],
    ['Jalan\u0000rusak', 'broken encoding: text contains control characters'],
    ['Caf\u00C3\u00A9 rusak', undefined],
    [
      'Caf\u00C3\u00A9 rusak \u{1F600}',
      'broken encoding: text looks double-encoded (UTF-8 read as Latin-1) and cannot be repaired unambiguously',
    ],
    [
      'Jalan \u0093rusak\u0094',
      'broken encoding: text contains C1 control characters (a Windows-1252 file read as Latin-1; set the right encoding)',
    ],
    ['x'.repeat(101), 'text too long (101 characters, limit 100)'],
  ])('%j', (text, expected) => {
    expect(textProblem(text, 100)).toBe(expected);
  });
});

describe('templates', () => {
  it('keeps the type of a whole placeholder and leaves out undefined keys', () => {
    expect(
      renderTemplate(
        { a: '${flag}', b: 'no ${n}', c: '${missing}', d: ['${list}'] },
        { flag: true, n: 7, list: ['x'] },
      ),
    ).toEqual({ a: true, b: 'no 7', d: [['x']] });
  });

  it('encodes path values so an id cannot change the route', () => {
    expect(renderPath('/reports/${externalId}/handling', { externalId: '../admin?x=1' })).toBe(
      '/reports/..%2Fadmin%3Fx%3D1/handling',
    );
  });

  it('lists placeholders deep inside a template', () => {
    expect(placeholdersOf({ a: ['${x}', { b: 'q ${y.z}' }] })).toEqual(['x', 'y.z']);
  });
});
