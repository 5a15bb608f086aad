import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, normalizeText, normalizedTokens } from '../../../src/text/normalize.js';

describe('normalizeText', () => {
  it.each([
    [
      'salutation and closing formulas',
      'Yth. Bapak Bupati Blora,\nJalan di Desa Ngawen rusak parah. Mohon ditindaklanjuti. Terima kasih. Wassalam',
      'jalan di desa ngawen rusak parah',
    ],
    [
      'religious greeting, abbreviated',
      'ass wr wb. pak tlg jln d ds ngawen rusak prh. trmksh',
      'jalan di desa ngawen rusak parah',
    ],
    ['kepada yth with an office', 'Kepada Yth. Kepala Dinas Kesehatan: puskesmas tutup', 'puskesmas tutup'],
    [
      'an addressee of an SMS without its comma',
      'kepada yth. dinas terkait admin jln di ds ngawen rusak',
      'jalan di desa ngawen rusak',
    ],
    ['greetings of the day', 'Selamat pagi admin, sampah menumpuk', 'sampah menumpuk'],
    ['HTML and entities', 'Jalan&nbsp;rusak<br />di <b>RT 03</b> &amp; RW 02', 'jalan rusak di rt 3 rw 2'],
    ['URLs', 'lihat https://example.id/foto?id=1 dan www.example.id/x jalan rusak', 'lihat dan jalan rusak'],
    ['repeated punctuation and emoji', 'Lampu mati!!!!! 😡😡👍🏽 ???', 'lampu mati'],
    ['case and diacritics folded', 'JALAN Rusak Café', 'jalan rusak cafe'],
    [
      'SMS abbreviations expanded',
      'sdh 3 bln blm diperbaiki krn tdk ada dana',
      'sudah 3 bulan belum diperbaiki karena tidak ada dana',
    ],
    ['a multi-word expansion', 'pju mati', 'penerangan jalan umum mati'],
    ['reduplication with a 2', 'anak2 sekolah', 'anak anak sekolah'],
    ['elongated chat words', 'tolong bangettt, matiii', 'sangat mati'],
    ['glued SMS parts', 'jalanrusakdanberlubang di desa', 'jalan rusak dan berlubang di desa'],
    ['a part marker inside a word', 'perbai (2/2) kan jalan', 'perbaikan jalan'],
    ['a part marker between words', 'jalan rusak [1/2] sudah lama', 'jalan rusak sudah lama'],
    ['letters and digits apart, leading zeros gone', 'rt03 rw007', 'rt 3 rw 7'],
    ['phone, NIK and e-mail never survive', 'hub 0812-3456-7890 nik 3316012345678901 siti@example.id', 'hubungi nik'],
    ['unknown words are left alone', 'ngawenkidul tanjungrejo', 'ngawenkidul tanjungrejo'],
    ['empty', '', ''],
    ['only formulas', 'Terima kasih, wassalamualaikum wr wb', ''],
  ])('%s', (_name, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('gives the same text for a complaint and its SMS resend', () => {
    const web =
      'Yth. Bapak Bupati,<br />Jalan di Desa Ngawen rusak parah dan berlubang, sudah 3 bulan belum diperbaiki. Mohon segera ditindaklanjuti. Terima kasih.';
    const sms =
      'ass. pak,jln d ds ngawen rusak parah dn berlubang,sdh 3 bln blm diperbaiki.mhn segera ditindaklanjuti trmksh';
    expect(normalizeText(sms)).toBe(normalizeText(web));
  });

  it('never keeps a digit run that could be a phone, NIK or KK number', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.stringMatching(/^(\+62|0)8\d{9,10}$|^\d{16}$/),
        fc.string(),
        (before, number, after) => {
          const digits = normalizedTokens(`${before} ${number} ${after}`).join('');
          expect(digits).not.toContain(number.replace(/^\+/, ''));
        },
      ),
    );
  });

  it('is total: any string gives a string, never an exception', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.string({ unit: 'grapheme' }),
          fc.stringMatching(/^[<>&#;x0-9a-z/()[\] ]*$/),
        ),
        (input) => {
          expect(typeof normalizeText(input)).toBe('string');
          expect(typeof cleanText(input)).toBe('string');
        },
      ),
      { numRuns: 2000 },
    );
    for (const nasty of [
      'constructor',
      '__proto__',
      'hasOwnProperty',
      '&#99999999;',
      '&#x110000;',
      '&#0;',
      '\ud800',
      '(1/2)',
      'a'.repeat(100_000),
      '<'.repeat(100_000),
      '<script>'.repeat(10_000),
      'a@'.repeat(50_000),
      ' '.repeat(100_000),
    ]) {
      expect(typeof normalizeText(nasty)).toBe('string');
    }
  });
});

describe('cleanText', () => {
  it.each([
    ['LAPOR line breaks', 'satu<br />dua', 'satu\ndua'],
    ['script removed', 'a<script>alert(1)</script>b', 'a b'],
    [
      'entities decoded, impossible code points replaced (and counted by ingest)',
      '&lt;b&gt; &#65; &#99999999;',
      '<b> A \uFFFD',
    ],
    ['phones masked', 'hub 081234567890', 'hub 0[**********]0'],
    ['NIK masked', 'nik 3316012345678901', 'nik [NIK/KK disamarkan]'],
    ['KK in groups of four masked', 'kk 3316 0123 4567 8901', 'kk [NIK/KK disamarkan]'],
  ])('%s', (_name, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });
});
