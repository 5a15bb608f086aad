import { describe, expect, it } from 'vitest';
import { dedupDoc, fillsSms, type DocInput } from '../../../src/dedup/doc.js';
import { compare } from '../../../src/dedup/score.js';
import { DEFAULT_DEDUP_SETTINGS } from '../../../src/dedup/settings.js';

const ROAD =
  'Yth. Bapak Bupati,\nJalan poros Desa Ngawen rusak parah dan berlubang sedalam 20 cm, sudah 3 bulan belum ada perbaikan. Anak-anak sekolah setiap hari melewati jalan tersebut. Mohon segera ditindaklanjuti. Terima kasih.';
const base: DocInput = {
  id: 'a',
  source: 'wa',
  body: ROAD,
  reporterHash: 'siti',
  desa: 'Ngawen',
  kecamatan: 'Ngawen',
  category: 'Jalan',
  reportedAt: '2026-03-01T08:00:00Z',
};
const doc = (over: Partial<DocInput>) => dedupDoc({ ...base, id: 'b', ...over });

describe('compare: duplicate, related, different', () => {
  it.each([
    [
      'the same text from the same reporter is a duplicate (exact rule)',
      doc({ source: 'superapp' }),
      'duplicate',
      'link',
    ],
    [
      'an SMS resend, abbreviated and cut to 160 characters, weeks later',
      doc({
        body: 'jln poros ds ngawen rusak parah dn berlubang sedalam 20 cm,sdh 3 bln blm ada perbaikan.anak2 sklh setiap hari melewati jln tsb.mhn segera ditindaklanjuti trmksh'.slice(
          0,
          160,
        ),
        reportedAt: '2026-03-25T08:00:00Z',
      }),
      'duplicate',
      'link',
    ],
    [
      'retyped with typos, the reporter unknown on that channel, same desa',
      doc({
        body: ROAD.replace('rusak', 'rsak').replace('berlubang', 'berlobang').replace('perbaikan', 'perbaiakn'),
        reporterHash: undefined,
      }),
      'duplicate',
      'link',
    ],
    [
      'the same road told by another citizen is related, not a duplicate',
      doc({
        body: 'Saya mau lapor, jalan di desa Ngawen dekat balai desa hancur, motor saya jatuh kemarin malam karena lubangnya tidak kelihatan.',
        reporterHash: 'budi',
      }),
      'related',
      'link',
    ],
    [
      'another problem of the same citizen is different',
      doc({
        body: 'Lampu penerangan jalan umum di depan masjid Desa Ngawen mati sudah dua minggu, gelap sekali kalau malam.',
        category: 'Penerangan Jalan',
      }),
      'different',
      'none',
    ],
    [
      'the same words about another desa, by someone else, are not linked',
      doc({ body: ROAD.replaceAll('Ngawen', 'Sarimulyo'), desa: 'Sarimulyo', reporterHash: 'budi' }),
      'different',
      'none',
    ],
  ])('%s', (_name, other, kind, action) => {
    const match = compare(dedupDoc(base), other, DEFAULT_DEDUP_SETTINGS);
    expect({ kind: match.kind, action: match.action }).toEqual({ kind, action });
  });

  it('does not link alike text of unknown reporters without a place in common; the same words, retyped, do link', () => {
    const a = dedupDoc({
      ...base,
      reporterHash: undefined,
      desa: undefined,
      kecamatan: undefined,
      body: 'Pengajuan akta kelahiran anak saya sudah 2 minggu belum terbit padahal berkas lengkap, petugas tidak memberi kepastian.',
    });
    const b = dedupDoc({
      ...base,
      id: 'b',
      reporterHash: undefined,
      desa: undefined,
      kecamatan: undefined,
      body: 'Pengajuan akta kelahiran anak saya sudah sebulan belum terbit padahal berkas lengkap, petugas tidak memberi kepastian.',
    });
    expect(compare(a, b, DEFAULT_DEDUP_SETTINGS).action).toBe('none');
    const same = dedupDoc({
      ...base,
      id: 'c',
      reporterHash: undefined,
      desa: undefined,
      kecamatan: undefined,
      body: 'PENGAJUAN AKTA KELAHIRAN anak saya sdh 2 minggu blm terbit padahal berkas lengkap!! petugas tdk memberi kepastian',
    });
    expect(compare(a, same, DEFAULT_DEDUP_SETTINGS)).toMatchObject({ kind: 'duplicate', action: 'link' });
  });

  it('counts a text inside a longer one only when it was cut at an SMS limit, or the reporter is the same', () => {
    const full = dedupDoc({
      ...base,
      reporterHash: undefined,
      body: 'Saya warga Desa Ngawen. Pengajuan akta kelahiran anak saya sudah sebulan belum terbit padahal berkas lengkap. Petugas tidak memberi kepastian, akta diperlukan untuk pendaftaran sekolah. Saya sudah tiga kali datang ke kantor kecamatan.',
    });
    const sms = full.t.slice(0, 160);
    const cut = doc({ body: sms.padEnd(160, ' x').slice(0, 160) });
    expect(cut.cut).toBe(true);
    expect(compare(cut, full, DEFAULT_DEDUP_SETTINGS)).toMatchObject({ kind: 'duplicate', action: 'link' });
    // The same opening from someone unknown, not cut: one stock sentence shared is not the same complaint.
    const stock = dedupDoc({
      ...base,
      id: 'c',
      reporterHash: undefined,
      body: 'Pengajuan akta kelahiran anak saya sudah sebulan belum terbit padahal berkas lengkap.',
    });
    expect(stock.cut).toBeUndefined();
    expect(compare(stock, full, DEFAULT_DEDUP_SETTINGS).kind).not.toBe('duplicate');
    // The same citizen leaving points out of their own complaint: the same case.
    const own = { ...stock, r: 'siti' };
    expect(compare(own, { ...full, r: 'siti' }, DEFAULT_DEDUP_SETTINGS)).toMatchObject({
      kind: 'duplicate',
      action: 'link',
    });
  });

  it('knows the lengths a channel cuts an SMS at', () => {
    expect(['x'.repeat(160), 'x'.repeat(70), 'x'.repeat(306), 'x'.repeat(134)].map(fillsSms)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['x'.repeat(159), 'x'.repeat(153), 'x'.repeat(200), ''].map(fillsSms)).toEqual([false, false, false, false]);
  });

  it('a resend weeks later is as much a duplicate as the next day; months later the time distance counts', () => {
    const resend = (days: number) =>
      compare(
        dedupDoc({ ...base, body: ROAD.replace('3 bulan', '3 bulan lebih') }),
        doc({
          body: ROAD.replace('berlubang', 'berlobang'),
          reportedAt: new Date(Date.parse(base.reportedAt) + days * 86_400_000).toISOString(),
        }),
        DEFAULT_DEDUP_SETTINGS,
      ).score;
    expect(resend(28)).toBe(resend(1));
    expect(resend(150)).toBeLessThan(resend(28));
  });

  it('takes the place from the text when the record has no place fields', () => {
    expect(
      dedupDoc({
        ...base,
        desa: undefined,
        kecamatan: undefined,
        body: 'Saya warga RT 03 RW 02 Desa Sarimulyo Kecamatan Ngawen, jalan desa rusak.',
      }),
    ).toMatchObject({ desa: 'sarimulyo', kec: 'ngawen', rt: '3/2' });
  });

  it('takes the place from the place line (LAPOR, Open311) before the text, so one template told in two desas stays apart', () => {
    const template = 'Apakah pembuatan akta kelahiran dipungut biaya? Di desa kami diminta uang administrasi.';
    const [kemiri, gunungan] = [
      dedupDoc({
        ...base,
        reporterHash: undefined,
        desa: undefined,
        kecamatan: undefined,
        body: template,
        placeText: 'Desa Kemiri, Kec. Kunduran, Kab. Blora',
      }),
      dedupDoc({
        ...base,
        id: 'b',
        reporterHash: undefined,
        desa: undefined,
        kecamatan: undefined,
        body: template,
        placeText: 'Desa Gunungan, Kec. Todanan, Blora',
      }),
    ];
    expect(kemiri).toMatchObject({ desa: 'kemiri', kec: 'kunduran' });
    expect(gunungan).toMatchObject({ desa: 'gunungan', kec: 'todanan' });
    // Not linked, and not put to an operator either: the same words from two places are two problems.
    expect(compare(kemiri, gunungan, DEFAULT_DEDUP_SETTINGS).action).toBe('none');
    // Unless one citizen tells both: then it is theirs to have said twice.
    const [one, again] = [
      dedupDoc({
        ...base,
        reporterHash: 'siti',
        desa: undefined,
        kecamatan: undefined,
        body: template,
        placeText: 'Desa Kemiri, Kec. Kunduran',
      }),
      dedupDoc({
        ...base,
        id: 'b',
        reporterHash: 'siti',
        desa: undefined,
        kecamatan: undefined,
        body: template,
        placeText: 'Desa Gunungan, Kec. Todanan',
      }),
    ];
    expect(compare(one, again, DEFAULT_DEDUP_SETTINGS)).toMatchObject({ kind: 'duplicate' });
  });
});
