import { describe, expect, it } from 'vitest';
import { recordRulesSchema } from '../../../../src/connectors/common/record-rules.js';
import { fieldsSchema, statusSchema } from '../../../../src/connectors/rest/config-fields.js';
import { mapRecord, type MapContext } from '../../../../src/connectors/rest/map.js';
import { statusResolver } from '../../../../src/connectors/rest/status.js';

const fields = fieldsSchema.parse({
  id: '_id',
  text: 'message',
  title: 'title',
  reportedAt: 'createdAt',
  updatedAt: ['handling.updatedAt', 'updatedAt'],
  location: {
    text: 'location.description',
    desa: 'location.desa',
    kecamatan: 'location.kecamatan',
    lat: 'location.latitude',
    lon: 'location.longitude',
  },
  reporter: { name: 'user.name', phone: 'from' },
  secret: 'is_secret',
  anonymous: 'is_anonymous',
  category: { id: 'category_id', name: 'category_name' },
  crossRefs: [{ path: 'handling.trackingId', pattern: '^\\d{5,15}$' }],
  attachments: [{ path: 'photos' }, { path: 'images', item: 'url' }],
  responses: [{ path: 'handling.kesimpulan', text: 'text', at: 'timestamp' }],
});
const status = statusSchema.parse({
  path: 'handling.status',
  map: { 'Perlu Verifikasi': 'received', 'Selesai Penanganan': 'responded' },
});
const ctx: MapContext = {
  fields,
  rules: recordRulesSchema.parse({}),
  now: new Date('2025-01-01T00:00:00Z'),
  status: statusResolver(status),
};

const base = {
  _id: '65f1a2b3c4d5e6f708192a3b',
  message: 'Lampu PJU di depan balai desa mati sejak seminggu.',
  createdAt: '2024-11-02T08:15:00.000Z',
  updatedAt: '2024-11-03T01:00:00.000Z',
  from: '6281234567890',
  user: { name: 'Siti Aminah' },
  location: {
    description: 'Depan balai desa',
    desa: 'Tempellemahbang',
    kecamatan: 'Jepon',
    latitude: '-7.0241',
    longitude: '111.5012',
  },
  handling: {
    status: 'Perlu Verifikasi',
    trackingId: '5010653',
    updatedAt: '2024-11-04T02:00:00.000Z',
    kesimpulan: [{ text: 'Diteruskan ke DPUPR', timestamp: '2024-11-04T02:00:00.000Z' }],
  },
  photos: ['https://wa.example/media/1.jpg'],
};

describe('rest mapRecord', () => {
  it('maps a full record', () => {
    const result = mapRecord(base, ctx);
    expect(result).toEqual({
      ok: true,
      externalId: base._id,
      raw: base,
      draft: {
        externalId: base._id,
        crossRefs: [{ system: 'lapor', externalId: '5010653' }],
        body: base.message,
        location: {
          text: 'Depan balai desa',
          desa: 'Tempellemahbang',
          kecamatan: 'Jepon',
          lat: -7.0241,
          lon: 111.5012,
        },
        reporter: { name: 'Siti Aminah', phone: '6281234567890' },
        anonim: false,
        rahasia: false,
        reportedAt: '2024-11-02T08:15:00.000Z',
        updatedAt: '2024-11-04T02:00:00.000Z',
        sourceStatus: 'Perlu Verifikasi',
        status: 'received',
        responses: [{ at: '2024-11-04T02:00:00.000Z', text: 'Diteruskan ke DPUPR', kind: 'tindak_lanjut' }],
        attachments: ['https://wa.example/media/1.jpg'],
      },
    });
  });

  type Patch = Record<string, unknown>;
  const withPatch = (patch: Patch) => ({ ...base, ...patch });
  const draftOf = (patch: Patch) => {
    const r = mapRecord(withPatch(patch), ctx);
    if (!r.ok) throw new Error(r.reason);
    return r.draft;
  };

  it.each<[string, Patch, (d: ReturnType<typeof draftOf>) => unknown, unknown]>([
    ['numeric id', { _id: 12345 }, (d) => d.externalId, '12345'],
    ['Mongo $oid id', { _id: { $oid: 'abc123' } }, (d) => d.externalId, 'abc123'],
    [
      'unknown status stays unmapped, never defaulted',
      { handling: { ...base.handling, status: 'Menunggu Dinas' } },
      (d) => [d.sourceStatus, d.status],
      ['Menunggu Dinas', undefined],
    ],
    [
      'status matched ignoring case and spacing',
      { handling: { ...base.handling, status: 'selesai  penanganan' } },
      (d) => d.status,
      'responded',
    ],
    [
      'no handling record: no status, updatedAt falls back',
      { handling: undefined },
      (d) => [d.status, d.updatedAt],
      [undefined, '2024-11-03T01:00:00.000Z'],
    ],
    [
      'tracking id typed with a hash and spaces',
      { handling: { ...base.handling, trackingId: '#50 10653' } },
      (d) => d.crossRefs,
      [{ system: 'lapor', externalId: '5010653' }],
    ],
    [
      'tracking id that is not a number is not a cross-reference',
      { handling: { ...base.handling, trackingId: 'belum ada' } },
      (d) => d.crossRefs,
      [],
    ],
    [
      'coordinates 0,0 mean "no fix"',
      { location: { ...base.location, latitude: 0, longitude: '0' } },
      (d) => [d.location?.lat, d.location?.lon],
      [undefined, undefined],
    ],
    [
      'half a coordinate is no position',
      { location: { ...base.location, longitude: 'x' } },
      (d) => d.location?.lat,
      undefined,
    ],
    ['secret given as "1"', { is_secret: '1' }, (d) => d.rahasia, true],
    ['anonymous given as true', { is_anonymous: true }, (d) => d.anonim, true],
    [
      'attachments from objects, non-URLs dropped, duplicates merged',
      { images: [{ url: 'https://wa.example/media/1.jpg' }, { url: 'file:///etc/passwd' }] },
      (d) => d.attachments,
      ['https://wa.example/media/1.jpg'],
    ],
    [
      'HTML and script are kept as text, not executed',
      { message: '<b>Jalan</b> rusak<script>alert(1)</script>' },
      (d) => d.body,
      '<b>Jalan</b> rusak<script>alert(1)</script>',
    ],
    [
      'timestamp without offset is read as WIB',
      { createdAt: '2024-11-02 15:15:00', updatedAt: undefined, handling: undefined },
      (d) => d.reportedAt,
      '2024-11-02T08:15:00.000Z',
    ],
    [
      'updatedAt earlier than reportedAt is lifted to it',
      { updatedAt: '2024-01-01T00:00:00Z', handling: undefined },
      (d) => d.updatedAt,
      '2024-11-02T08:15:00.000Z',
    ],
    [
      'response entries without time are left out',
      { handling: { ...base.handling, kesimpulan: [{ text: 'tanpa waktu' }] } },
      (d) => d.responses,
      [],
    ],
  ])('%s', (_label, patch, pick, expected) => {
    expect(pick(draftOf(patch))).toEqual(expected);
  });

  it.each<[string, unknown, string]>([
    ['not an object', ['a'], 'unknown shape: expected an object, got a list'],
    ['a string', 'hello', 'unknown shape: expected an object, got string'],
    ['no id', withPatch({ _id: undefined }), 'missing id (_id)'],
    ['no text', withPatch({ message: '' }), 'missing text'],
    ['text is an object', withPatch({ message: { text: 'x' } }), 'missing text'],
    [
      'broken encoding',
      withPatch({ message: 'Jalan \uFFFD rusak' }),
      'broken encoding: text contains replacement characters (U+FFFD)',
    ],
    ['huge body', withPatch({ message: 'a'.repeat(20_001) }), 'text too long (20001 characters, limit 20000)'],
    [
      'absurd date',
      withPatch({ createdAt: '1970-01-01T00:00:00Z' }),
      'reportedAt: absurd date (before 2000): "1970-01-01T00:00:00Z"',
    ],
    [
      'future date',
      withPatch({ createdAt: '2099-01-01T00:00:00Z' }),
      'reportedAt: absurd date (in the future): "2099-01-01T00:00:00Z"',
    ],
    [
      'unreadable updatedAt',
      withPatch({ handling: { ...base.handling, updatedAt: 'kemarin' } }),
      'updatedAt: not a recognisable date/time: "kemarin"',
    ],
    ['privacy flag not understood', withPatch({ is_secret: 'mungkin' }), 'secret flag not understood: "mungkin"'],
  ])('refuses %s with a reason, keeping the raw record', (_label, raw, reason) => {
    const result = mapRecord(raw, ctx);
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ raw, reason });
  });

  it('folds two statuses through a combiner before the table', () => {
    const combined = statusResolver(
      statusSchema.parse({
        combine: 'bupati-opd',
        inputs: { bupati: 'bupatiStatus', opd: 'opdStatus' },
        map: { PROSES_OPD: 'in_progress' },
      }),
    );
    expect(combined({ bupatiStatus: 'PROSES', opdStatus: 'PROSES' })).toEqual({
      sourceStatus: 'bupati=PROSES opd=PROSES',
      status: 'in_progress',
    });
    expect(combined({ bupatiStatus: 'PROSES', opdStatus: 'SELESAI' })).toEqual({
      sourceStatus: 'bupati=PROSES opd=SELESAI',
      status: undefined,
    });
    expect(combined({})).toEqual({});
  });

  it('gives a record with no status at all the status `whenMissing` says, and never an unknown value', () => {
    const resolve = statusResolver(
      statusSchema.parse({
        path: 'handling.status',
        whenMissing: 'received',
        map: { 'Proses OPD Terkait': 'in_progress' },
      }),
    );
    // A WhatsApp desk report nobody has opened: no handling record, so no status.
    expect(resolve({ message: 'x' })).toEqual({ status: 'received' });
    expect(resolve({ handling: { status: 'Proses OPD Terkait' } })).toEqual({
      sourceStatus: 'Proses OPD Terkait',
      status: 'in_progress',
    });
    expect(resolve({ handling: { status: 'Entah' } })).toEqual({ sourceStatus: 'Entah', status: undefined });
    // Without it, a record with no status waits in triage as before.
    expect(statusResolver(statusSchema.parse({ path: 'handling.status', map: {} }))({})).toEqual({});
  });

  it('classifies by the map, and by `default` a record whose value is absent or not in it', () => {
    const classified = (classification: unknown, raw: Record<string, unknown>) => {
      const r = mapRecord({ ...base, ...raw }, { ...ctx, fields: fieldsSchema.parse({ ...fields, classification }) });
      return r.ok ? r.draft.classification : r.reason;
    };
    const situasi = { path: 'handling.situasi', map: { 'Permintaan Informasi': 'permintaan_informasi' } };
    const desk = { ...situasi, default: 'pengaduan' };
    expect(classified(desk, { handling: { situasi: 'Permintaan Informasi' } })).toBe('permintaan_informasi');
    expect(classified(desk, { handling: { situasi: 'Darurat' } })).toBe('pengaduan');
    expect(classified(desk, {})).toBe('pengaduan');
    expect(classified(situasi, { handling: { situasi: 'Darurat' } })).toBeUndefined();
    expect(() => fieldsSchema.parse({ ...fields, classification: { ...situasi, default: 'keluhan' } })).toThrow();
  });
});
