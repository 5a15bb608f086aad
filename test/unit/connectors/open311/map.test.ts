import { describe, expect, it } from 'vitest';
import { recordRulesSchema } from '../../../../src/connectors/common/record-rules.js';
import { statusLookup } from '../../../../src/connectors/common/status-lookup.js';
import { mapServiceRequest } from '../../../../src/connectors/open311/map.js';
import type { RequestUpdate } from '../../../../src/connectors/open311/schema.js';

const ctx = {
  rules: recordRulesSchema.parse({}),
  now: new Date('2025-01-01T00:00:00Z'),
  status: statusLookup({
    open: 'received',
    in_progress: 'in_progress',
    closed: 'closed',
    not_councils_responsibility: 'not_authority',
  }),
};

const request = {
  service_request_id: 638344,
  status: 'open',
  status_notes: null,
  service_name: 'Jalan Rusak',
  service_code: '001',
  description: 'Jalan berlubang di Jl. Pemuda dekat alun-alun',
  agency_responsible: 'DPUPR',
  requested_datetime: '2024-10-01T09:00:00+07:00',
  updated_datetime: '2024-10-01T09:00:00+07:00',
  address: 'Jl. Pemuda, Blora',
  lat: -6.9698,
  long: '111.4183',
  media_url: 'https://open311.example/media/1.jpg',
};
const update = (id: string, status: string, at: string, description?: string): RequestUpdate => ({
  update_id: id,
  service_request_id: '638344',
  status,
  updated_datetime: at,
  description,
  media_url: undefined,
});

describe('open311 mapServiceRequest', () => {
  it('maps a request', () => {
    const r = mapServiceRequest(request, [], ctx);
    expect(r).toMatchObject({
      ok: true,
      externalId: '638344',
      draft: {
        body: request.description,
        category: { id: '001', name: 'Jalan Rusak' },
        opd: { name: 'DPUPR' },
        location: { text: 'Jl. Pemuda, Blora', lat: -6.9698, lon: 111.4183 },
        reportedAt: '2024-10-01T02:00:00.000Z',
        sourceStatus: 'open',
        status: 'received',
        attachments: ['https://open311.example/media/1.jpg'],
        anonim: false,
        rahasia: false,
      },
    });
  });

  it.each([
    [
      'a newer update wins',
      [update('u1', 'in_progress', '2024-10-02T00:00:00Z', 'Sedang ditangani')],
      'in_progress',
      'in_progress',
    ],
    [
      'an extended status maps to not_authority',
      [update('u2', 'not_councils_responsibility', '2024-10-02T00:00:00Z')],
      'not_councils_responsibility',
      'not_authority',
    ],
    [
      'an unknown status is left for triage',
      [update('u3', 'duplicate', '2024-10-02T00:00:00Z')],
      'duplicate',
      undefined,
    ],
    [
      'an older update does not override the request',
      [update('u4', 'closed', '2024-09-30T00:00:00Z')],
      'open',
      'received',
    ],
  ])('%s', (_label, updates, sourceStatus, status) => {
    const r = mapServiceRequest(request, updates, ctx);
    expect(r.ok && [r.draft.sourceStatus, r.draft.status]).toEqual([sourceStatus, status]);
  });

  it('turns update descriptions into responses and keeps them with the raw record', () => {
    const updates = [update('u1', 'closed', '2024-10-03T00:00:00Z', 'Sudah diperbaiki')];
    const r = mapServiceRequest(request, updates, ctx);
    expect(r.ok && r.draft.responses).toEqual([
      { externalId: 'u1', at: '2024-10-03T00:00:00.000Z', text: 'Sudah diperbaiki', kind: 'tindak_lanjut' },
    ]);
    expect(r.ok && r.draft.updatedAt).toBe('2024-10-03T00:00:00.000Z');
    expect(r.raw).toMatchObject({ updates });
  });

  it.each<[string, Record<string, unknown>]>([
    ['null', { description: null }],
    ['absent', { description: undefined }],
    ['empty (XML <description/>)', { description: '' }],
  ])('takes the service name as the text when the optional description is %s', (_label, change) => {
    const r = mapServiceRequest({ ...request, ...change }, [], ctx);
    expect(r.ok && r.draft.body).toBe('Jalan Rusak');
  });

  it('reads a request as an XML server writes it: every value a string', () => {
    const asXml = Object.fromEntries(Object.entries(request).map(([k, v]) => [k, v === null ? '' : String(v)]));
    const r = mapServiceRequest(asXml, [], ctx);
    expect(r).toMatchObject({
      ok: true,
      externalId: '638344',
      draft: { location: { lat: -6.9698, lon: 111.4183 }, reportedAt: '2024-10-01T02:00:00.000Z' },
    });
  });

  it.each<[string, unknown, string]>([
    ['no id', { ...request, service_request_id: undefined }, 'not a GeoReport service request: service_request_id'],
    [
      'neither description nor service_name',
      { ...request, description: null, service_name: undefined },
      'missing text: the request has neither a description nor a service_name',
    ],
    [
      'a date that is not one',
      { ...request, requested_datetime: 'yesterday' },
      'requested_datetime: not a recognisable date/time',
    ],
    ['not an object', 42, 'not a GeoReport service request'],
  ])('refuses %s', (_label, raw, reason) => {
    const r = mapServiceRequest(raw, [], ctx);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain(reason);
  });
});
