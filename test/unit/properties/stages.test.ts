import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordRulesSchema } from '../../../src/connectors/common/record-rules.js';
import { statusLookup } from '../../../src/connectors/common/status-lookup.js';
import { laporConfigSchema } from '../../../src/connectors/lapor/config.js';
import { createMapper } from '../../../src/connectors/lapor/map.js';
import { mapServiceRequest } from '../../../src/connectors/open311/map.js';
import { fieldsSchema, statusSchema } from '../../../src/connectors/rest/config-fields.js';
import { mapRecord, type MapContext } from '../../../src/connectors/rest/map.js';
import { statusResolver } from '../../../src/connectors/rest/status.js';
import { complaintDraftSchema } from '../../../src/domain/draft.js';
import { complaintSchema } from '../../../src/domain/complaint.js';
import { buildComplaint } from '../../../src/pipeline/build-complaint.js';
import { reporterIdentity } from '../../../src/pipeline/reporter-identity.js';
import { anyValue, expectTotal, isWellFormed, recordLike, RUNS } from './arbitraries.js';

const now = new Date('2026-06-01T00:00:00Z');

const restContext: MapContext = {
  fields: fieldsSchema.parse({
    id: '_id',
    text: 'message',
    reportedAt: 'createdAt',
    updatedAt: ['updatedAt', 'createdAt'],
    location: { text: 'location.description', lat: 'location.latitude', lon: 'location.longitude' },
    reporter: { name: 'user.name', phone: 'from' },
    crossRefs: [{ system: 'lapor', path: 'handling.trackingId', pattern: '^\\d{4,15}$' }],
    attachments: [{ path: 'photos' }],
    responses: [{ path: 'handling.kesimpulan', text: 'text', at: 'timestamp' }],
  }),
  rules: recordRulesSchema.parse({}),
  now,
  status: statusResolver(statusSchema.parse({ path: 'handling.status', map: { 'Perlu Verifikasi': 'received' } })),
};

const waReport = {
  _id: '65f1a2b3c4d5e6f708192a3b',
  message: 'Lampu PJU mati &#1114112; sejak seminggu.',
  createdAt: '2026-02-02T08:15:00.000Z',
  updatedAt: '2026-02-03T01:00:00.000Z',
  from: '6281234567890',
  user: { name: 'Siti Aminah' },
  location: { description: 'Depan balai desa', latitude: '-7.0241', longitude: '111.5012' },
  handling: {
    status: 'Perlu Verifikasi',
    trackingId: '5010653',
    kesimpulan: [{ text: 'Diteruskan', timestamp: '2026-02-04T02:00:00.000Z' }],
  },
  photos: ['https://wa.example/media/1.jpg'],
};

const laporWire = {
  tracking_id: '5010653',
  judul: 'Jalan rusak',
  isi: 'Jalan rusak parah.<br />&lt;script&gt;',
  klasifikasi: 'pengaduan',
  topic_id: '2',
  lokasi: 'Desa Sonorejo',
  anonim: false,
  rahasia: false,
  status: 'terdisposisi',
  pelapor: { nama: 'Budi', telp: '081234567890', nik: '3316091203850001' },
  lampiran: ['https://lapor.example/files/a.jpg'],
  created_at: '2026-03-01T09:00:00+07:00',
  last_activity_at: '2026-03-02T10:30:00+07:00',
  tracking: [{ id: '77', tracking_type: 'status', tracking_at: '2026-03-02T10:30:00+07:00', tracking_note: 'ok' }],
};

const open311Request = {
  service_request_id: 638344,
  status: 'open',
  description: 'Jalan berlubang',
  requested_datetime: '2026-01-01T09:00:00+07:00',
  updated_datetime: '2026-01-01T09:00:00+07:00',
  lat: -6.9698,
  long: '111.4183',
  media_url: 'https://open311.example/media/1.jpg',
};

describe('connector mappings are total', () => {
  it('rest mapRecord: any record gives a valid draft or a reason', () => {
    fc.assert(
      fc.property(fc.oneof(recordLike(waReport), anyValue), (raw) => {
        expectTotal(mapRecord(raw, restContext));
      }),
      { numRuns: RUNS },
    );
  });

  it('LAPOR mapper: any record gives a valid draft or a reason', () => {
    const mapper = createMapper(
      laporConfigSchema.parse({ kind: 'lapor', baseUrl: 'https://lapor.example/', instansiId: '3316' }),
    );
    fc.assert(
      fc.property(fc.oneof(recordLike(laporWire), anyValue), (raw) => {
        expectTotal(mapper.map(raw));
        mapper.position(raw);
      }),
      { numRuns: RUNS },
    );
  });

  it('open311 mapServiceRequest: any request gives a valid draft or a reason', () => {
    const ctx = {
      rules: recordRulesSchema.parse({}),
      now,
      status: statusLookup({ open: 'received', closed: 'closed' }),
    };
    fc.assert(
      fc.property(fc.oneof(recordLike(open311Request), anyValue), (raw) => {
        expectTotal(mapServiceRequest(raw, [], ctx));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('ingest stages are total', () => {
  it('buildComplaint turns any valid draft into a valid complaint with well-formed text', () => {
    fc.assert(
      fc.property(recordLike(waReport), (raw) => {
        const mapped = mapRecord(raw, restContext);
        if (!mapped.ok) return;
        const draft = complaintDraftSchema.parse(mapped.draft);
        const write = buildComplaint(
          { id: 'c-1', caseId: 'c-1', source: 'wadesk', draft, salt: 'salt', now },
          undefined,
        );
        expect(write).not.toBeNull();
        expect(complaintSchema.safeParse(write!.complaint).success).toBe(true);
        expect(isWellFormed(write!.complaint.body)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('reporterIdentity never throws', () => {
    const text = fc.option(fc.string({ unit: 'binary', maxLength: 30 }), { nil: undefined });
    fc.assert(
      fc.property(fc.record({ name: text, phone: text, nik: text, email: text, address: text }), (reporter) => {
        const identity = reporterIdentity(reporter, 'salt');
        if (identity) expect(identity.hash).toMatch(/^[0-9a-f]{32}$/);
      }),
      { numRuns: RUNS },
    );
  });
});
