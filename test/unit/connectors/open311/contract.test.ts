import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordRulesSchema } from '../../../../src/connectors/common/record-rules.js';
import { statusLookup } from '../../../../src/connectors/common/status-lookup.js';
import { mapServiceRequest } from '../../../../src/connectors/open311/map.js';
import { serviceRequestSchema, serviceSchema } from '../../../../src/connectors/open311/schema.js';

/**
 * The connector against the published GeoReport v2 contract: what the schemas (written from
 * the specification's field tables) allow, the connector reads; where real servers stray
 * from it (numeric ids, "true"/"false" strings), the fixtures say so and it reads them too.
 */
const FIXTURES = fileURLToPath(new URL('../../../fixtures/open311/', import.meta.url));
const json = (path: string) => JSON.parse(readFileSync(`${FIXTURES}${path}`, 'utf8')) as unknown;
const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
const requestsValid = ajv.compile(json('schemas/requests.schema.json') as object);
const servicesValid = ajv.compile(json('schemas/services.schema.json') as object);
const fields = (errors: ErrorObject[] | null | undefined) =>
  [...new Set((errors ?? []).map((e) => e.instancePath.replace(/^\/\d+\//, '')))].sort();

const ctx = {
  rules: recordRulesSchema.parse({}),
  now: new Date('2025-01-01T00:00:00Z'),
  status: statusLookup({ open: 'received', closed: 'closed' }),
};

describe('GeoReport v2 contract', () => {
  it("the specification's examples satisfy the published schemas, and the connector reads every item", () => {
    const requests = json('spec/requests.json') as unknown[];
    const services = json('spec/services.json') as unknown[];
    expect(requestsValid(requests), JSON.stringify(requestsValid.errors)).toBe(true);
    expect(servicesValid(services), JSON.stringify(servicesValid.errors)).toBe(true);
    for (const r of requests) expect(mapServiceRequest(r, [], ctx).ok).toBe(true);
    for (const s of services) expect(serviceSchema.safeParse(s).success).toBe(true);
  });

  it('a real server\'s numeric ids, string coordinates and "true"/"false" strings stray from the schema exactly there, and are still read', () => {
    const requests = json('numeric-ids/requests.json') as unknown[];
    const services = json('numeric-ids/services.json') as unknown[];
    expect(requestsValid(requests)).toBe(false);
    expect(fields(requestsValid.errors)).toEqual(['lat', 'long', 'service_code', 'service_request_id']);
    expect(servicesValid(services)).toBe(false);
    expect(fields(servicesValid.errors)).toEqual(['metadata', 'service_code']);
    for (const r of requests) expect(serviceRequestSchema.safeParse(r).success).toBe(true);
    expect(services.map((s) => serviceSchema.parse(s))).toMatchObject([
      { service_code: '101', metadata: false },
      { service_code: '102', metadata: true },
    ]);
  });

  it('every request the schema allows is read, or refused with a reason (never thrown)', () => {
    const w3c = fc
      .date({ min: new Date('2001-01-01T00:00:00Z'), max: new Date('2024-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z'));
    const optionalText = fc.option(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), { nil: null });
    const request = fc.record(
      {
        service_request_id: fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/),
        status: fc.constantFrom('open', 'closed'),
        status_notes: optionalText,
        service_name: optionalText,
        service_code: fc.stringMatching(/^[A-Za-z0-9]{1,6}$/),
        description: optionalText,
        agency_responsible: optionalText,
        requested_datetime: w3c,
        updated_datetime: fc.option(w3c, { nil: null }),
        address: optionalText,
        lat: fc.option(fc.double({ min: -90, max: 90, noNaN: true }), { nil: null }),
        long: fc.option(fc.double({ min: -180, max: 180, noNaN: true }), { nil: null }),
        media_url: fc.option(fc.webUrl(), { nil: null }),
      },
      { requiredKeys: ['service_request_id', 'status', 'service_code', 'requested_datetime'] },
    );
    fc.assert(
      fc.property(request, (r) => {
        expect(requestsValid([r]), JSON.stringify(requestsValid.errors)).toBe(true);
        const mapped = mapServiceRequest(r, [], ctx);
        const hasText = [r.description, r.service_name].some((t) => typeof t === 'string' && t.trim() !== '');
        if (hasText) expect(mapped.ok, mapped.ok ? '' : mapped.reason).toBe(true);
        else
          expect(mapped).toMatchObject({
            ok: false,
            externalId: r.service_request_id,
            reason: expect.stringContaining('missing text') as string,
          });
      }),
      { numRuns: 300 },
    );
  });
});
