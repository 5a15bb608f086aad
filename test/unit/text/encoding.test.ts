import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { screenRecord } from '../../../src/pipeline/accept.js';
import { screenStrings, screenText } from '../../../src/text/encoding.js';

/**
 * How mojibake is made in the wild: UTF-8 bytes shown by a Windows-1252 reader, which (like
 * Windows itself) shows the five bytes Windows-1252 leaves undefined as C1 characters.
 */
const HOLES = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
const asCp1252 = (text: string) =>
  [...Buffer.from(text, 'utf8')]
    .map((b) => (HOLES.has(b) ? String.fromCharCode(b) : iconv.decode(Buffer.from([b]), 'windows-1252')))
    .join('');
const asLatin1 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

describe('the one encoding rule', () => {
  it.each([
    ['plain Indonesian', 'Jalan rusak di Desa Tempellemahbang', 'Jalan rusak di Desa Tempellemahbang'],
    ['real Latin letters stay', 'naïve résumé Ñandú × © 2024', 'naïve résumé Ñandú × © 2024'],
    ['UTF-8 read as Windows-1252', asCp1252('Lampu “mati” – café'), 'Lampu “mati” – café'],
    ['UTF-8 read as Latin-1 (C1 continuation bytes)', asLatin1('Jalan “rusak” — parah’'), 'Jalan “rusak” — parah’'],
    ['encoded twice', asCp1252(asCp1252('Jalan ’rusak’')), 'Jalan ’rusak’'],
    ['an emoji read as Windows-1252', asCp1252('Banjir lagi 😡'), 'Banjir lagi 😡'],
  ])('%s: repaired or kept', (_name, input, expected) => {
    const screened = screenText(input);
    expect(screened).toEqual({ ok: true, text: expected, repaired: input !== expected });
  });

  it.each([
    ['mojibake mixed with real non-Latin text', `${asCp1252('café')} 😀`, 'cannot be repaired unambiguously'],
    ['Windows-1252 quotes read as Latin-1', 'Jalan \u0093rusak\u0094', 'C1 control characters'],
    ['replacement characters', 'Jalan rusak \uFFFD\uFFFD', 'U+FFFD'],
    ['C0 controls', 'Jalan\u0000rusak', 'control characters'],
    ['lone surrogate', 'Jalan \uD800 rusak', 'unpaired UTF-16 surrogates'],
  ])('%s: rejected', (_name, input, reason) => {
    const screened = screenText(input);
    expect(screened.ok).toBe(false);
    expect(screened.ok ? '' : screened.reason).toContain(reason);
  });

  it('walks every string of a draft, names the failing path, and copies only when it repairs', () => {
    const draft = {
      body: 'ok',
      responses: [{ text: asCp1252('Sudah diperbaiki – terima kasih') }],
      opd: { name: 'Dinas PU' },
    };
    const repaired = screenStrings(draft);
    expect(repaired).toEqual({
      ok: true,
      value: { ...draft, responses: [{ text: 'Sudah diperbaiki – terima kasih' }] },
      repaired: ['responses.0.text'],
    });
    const untouched = { body: 'ok' };
    expect(screenStrings(untouched)).toEqual({ ok: true, value: untouched, repaired: [] });
    expect(screenStrings({ body: 'ok', reporter: { name: 'Bu\u0092di' } })).toEqual({
      ok: false,
      reason: expect.stringMatching(/^reporter\.name: broken encoding: .*C1/) as string,
    });
  });

  it('turns a record with broken text into a quarantined one with its reason, keeping id and raw', () => {
    const raw = { id: 7 };
    const draft = { externalId: '7', body: 'ok', title: 'A\u0085B' } as never;
    expect(screenRecord({ ok: true, externalId: '7', raw, draft })).toEqual({
      ok: false,
      externalId: '7',
      raw,
      reason: expect.stringContaining('title: broken encoding') as string,
    });
  });
});
