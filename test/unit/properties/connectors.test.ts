import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { fileImportConfigSchema } from '../../../src/connectors/file-import/config.js';
import { createConnector } from '../../../src/connectors/registry.js';
import type { Connector } from '../../../src/connectors/types.js';
import type { Clock } from '../../../src/domain/clock.js';
import { captureLogger } from '../../support/logger.js';
import { anyText, anyValue, expectTotal, hostileText, RUNS, shapeLike } from './arbitraries.js';

/**
 * Every connector as the daemon builds it from configuration (the shipped presets, the file
 * import with its layouts), fed records in its source's shape whose every field, at any
 * depth, may be anything: a valid complaint or a rejection with its reason, never a throw.
 */

const context = (name: string) => ({
  name,
  logger: captureLogger('warn').logger,
  clock: { now: () => new Date('2026-06-01T00:00:00Z') } as Clock,
  secret: () => 'secret',
});

function presetConnector(file: string, name: string, env: Record<string, string>): Connector {
  const { config } = loadConfig({
    file: `config/presets/${file}`,
    env: { REDIS_URL: 'redis://127.0.0.1:6379', ...env },
  });
  return createConnector(config.sources[name]!, context(name));
}

const superappComplaint = {
  id: 90211,
  title: 'Jalan rusak',
  description: 'Jalan berlubang di depan SD Jepon 2, mohon ditindaklanjuti.',
  created_at: '2026-02-02 08:15:00',
  updated_at: '2026-02-03 10:00:00',
  category_id: 3,
  category_name: 'Infrastruktur',
  sub_category_id: 31,
  sub_category_name: 'Jalan',
  address: 'Jl. Pemuda 12',
  village_name: 'Jepon',
  district_name: 'Jepon',
  city_name: 'Blora',
  latitude: '-7.0241',
  longitude: '111.5012',
  user: { name: 'Siti Aminah', phone: '081234567890', email: 'siti@example.org' },
  is_secret: false,
  is_anonymous: false,
  sp4n_id: '5010653',
  photos: [{ url: 'https://superapp.example/media/1.jpg' }],
  status: 'followup',
  followups: [{ id: 1, description: 'Sudah ditinjau', created_at: '2026-02-04 09:00:00', created_by: 'Dinas PUPR' }],
  sp4n_trackings: [{ id: 2, tracking_note: 'Terdisposisi', tracking_at: '2026-02-03 11:00:00', tracking_by: 'admin' }],
};

const bupatiReport = {
  id: 'rpt_0193',
  title: 'Lampu PJU mati',
  description: 'Lampu jalan di Kunden mati sejak seminggu.',
  createdAt: '2026-02-02T01:15:00.000Z',
  updatedAt: '2026-02-03T01:15:00.000Z',
  category: 'Infrastruktur',
  subcategory: 'Penerangan',
  priority: 'MEDIUM',
  opd: { id: 'dishub', name: 'Dinas Perhubungan' },
  location: 'Desa Kunden, Kec. Blora',
  user: { name: 'Budi', phone: '081299988877' },
  image: 'https://bupati.example/img/1.jpg',
  bupatiStatus: 'PROSES',
  opdStatus: 'PENDING',
  comments: [{ id: 'cm_1', content: 'Segera dicek', createdAt: '2026-02-03T02:00:00.000Z', authorName: 'Dishub' }],
};

const open311Request = {
  service_request_id: 638344,
  status: 'open',
  status_notes: 'Diterima',
  service_name: 'Jalan rusak',
  service_code: 'jalan',
  description: 'Jalan berlubang',
  requested_datetime: '2026-01-01T09:00:00+07:00',
  updated_datetime: '2026-01-01T09:00:00+07:00',
  address: 'Jl. Pemuda',
  lat: -6.9698,
  long: '111.4183',
  media_url: 'https://open311.example/media/1.jpg',
};

const waReport = {
  _id: '65f1a2b3c4d5e6f708192a3b',
  message: 'Lampu PJU mati sejak seminggu.',
  createdAt: '2026-02-02T08:15:00.000Z',
  updatedAt: '2026-02-03T01:00:00.000Z',
  from: '6281234567890',
  user: { name: 'Siti Aminah' },
  location: {
    description: 'Depan balai desa',
    desa: 'Jepon',
    kecamatan: 'Jepon',
    latitude: '-7.02',
    longitude: '111.5',
  },
  handling: {
    status: 'Proses OPD Terkait',
    opd: ['Dinas PUPR'],
    situasi: 'Permintaan Informasi',
    trackingId: '5010653',
    kesimpulan: [{ text: 'Diteruskan', timestamp: '2026-02-04T02:00:00.000Z' }],
  },
  photos: ['https://wa.example/media/1.jpg'],
};

const presets = [
  ['wa-desk.yaml', 'wadesk', { WA_DESK_TOKEN: 't' }, waReport],
  [
    'superapp.yaml',
    'superapp',
    { SUPERAPP_CLIENT_ID: 'c', SUPERAPP_CLIENT_SECRET: 's', SUPERAPP_API_KEY: 'k', SUPERAPP_PARTNER_ID: 'p' },
    superappComplaint,
  ],
  ['bupati-app.yaml', 'bupatiapp', { BUPATI_APP_USER: 'u', BUPATI_APP_PASSWORD: 'p' }, bupatiReport],
  ['open311.yaml', 'open311', { OPEN311_API_KEY: 'k' }, open311Request],
] as const;

describe('every preset connector maps any record in its shape to a valid complaint or a reason', () => {
  it.each(presets)('%s', (file, name, env, sample) => {
    const connector = presetConnector(file, name, env);
    const seen = { taken: 0, refused: 0 };
    fc.assert(
      fc.property(shapeLike(sample), (raw) => void seen[expectTotal(connector.mapRaw(raw)) ? 'taken' : 'refused']++),
      { numRuns: RUNS / 2 },
    );
    // The shape meets both outcomes, so neither side of the property goes untested.
    expect(seen.taken).toBeGreaterThan(RUNS / 100);
    expect(seen.refused).toBeGreaterThan(RUNS / 100);
  });
});

/** What a spreadsheet cell can hold: text of any kind, numbers (Excel serial dates too), dates, booleans, blanks. */
const anyCell = fc.oneof(
  hostileText,
  anyText,
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: false }),
  fc.constantFrom(
    '03/01/2023 02:15 PM',
    '31/02/2023',
    '2023-13-01',
    '45000',
    '0',
    '-',
    'ya',
    'Tidak',
    '14.30',
    '25:61',
  ),
);

/** Export layouts as pemda keep them: header names, date formats, zones, maps of status and classification. */
const layouts = [
  {
    columns: {
      number: 'No',
      sender: 'Pelapor Nama',
      reportedAt: 'Pelapor Tanggal',
      text: 'Isi Aduan',
      reply: 'Tanggapan Isi',
      repliedAt: 'Tanggapan Tanggal',
      status: 'Status',
    },
    sample: {
      No: '12',
      'Pelapor Nama': 'Sri',
      'Pelapor Tanggal': '03/01/2023 02:15 PM',
      'Isi Aduan': 'Jalan rusak di Desa Jepon',
      'Tanggapan Isi': 'Sudah diperbaiki',
      'Tanggapan Tanggal': '05/01/2023 09:00 AM',
      Status: 'Selesai',
    },
    dateFormats: ['DD/MM/YYYY hh:mm A'],
    statusMap: { Selesai: 'closed' },
    defaultStatus: 'received',
    defaultClassification: 'pengaduan',
  },
  {
    columns: {
      number: ['Nomor', 'No'],
      title: 'Judul',
      text: 'Isi',
      reportedAt: 'Tanggal',
      reportedTime: 'Jam',
      phone: 'Telepon',
      category: 'Kategori',
      classification: 'Jenis',
      forwardedTo: 'Diteruskan ke',
      location: 'Lokasi',
      trackingId: 'No Tracking',
      secret: 'Rahasia',
      anonymous: 'Anonim',
      updatedAt: 'Diperbarui',
    },
    sample: {
      No: 7,
      Judul: 'Air PDAM mati',
      Isi: 'Air PDAM mati tiga hari di Cepu.',
      Tanggal: '3 April 2024',
      Jam: '14.30',
      Telepon: '081234567890',
      Kategori: 'Air bersih',
      Jenis: 'Aspirasi',
      'Diteruskan ke': 'PDAM',
      Lokasi: 'Cepu',
      'No Tracking': '5010653',
      Rahasia: 'Tidak',
      Anonim: 'ya',
      Diperbarui: '4 April 2024',
    },
    timeZone: 'Asia/Makassar',
    dateFormats: ['D MMMM YYYY'],
    classificationMap: { Aspirasi: 'aspirasi' },
    historical: false,
    records: { dayFirst: false, maxTextLength: 500 },
  },
];

describe('the file import maps any row of any layout to a valid complaint or a reason', () => {
  it.each(layouts.map((layout, i) => [i + 1, layout] as const))('layout %i', (_n, layout) => {
    const { sample, ...settings } = layout;
    const config = fileImportConfigSchema.parse({ kind: 'file-import', path: '/nowhere/export.csv', ...settings });
    const connector = createConnector(config, context('arsip'));
    const cells = Object.fromEntries([
      ['_row', fc.oneof(fc.nat(), anyValue)],
      ...Object.entries(sample).map(([h, v]) => [
        h,
        fc.oneof({ weight: 6, arbitrary: fc.constant(v) }, { weight: 1, arbitrary: anyCell }),
      ]),
    ]) as Record<string, fc.Arbitrary<unknown>>;
    // Every column, or only some of them (a column missing from the export).
    const row = fc.oneof(
      { weight: 3, arbitrary: fc.record(cells) },
      { weight: 1, arbitrary: fc.record(cells, { requiredKeys: ['_row'] }) },
    );
    const seen = { taken: 0, refused: 0 };
    fc.assert(
      fc.property(
        fc.oneof({ weight: 5, arbitrary: row }, { weight: 1, arbitrary: anyValue }),
        (raw) => void seen[expectTotal(connector.mapRaw(raw)) ? 'taken' : 'refused']++,
      ),
      { numRuns: RUNS / 2 },
    );
    expect(seen.taken).toBeGreaterThan(RUNS / 100);
    expect(seen.refused).toBeGreaterThan(RUNS / 100);
  });
});
