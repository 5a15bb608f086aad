import { describe, expect, it } from 'vitest';
import { isConnectorError } from '../../../src/domain/failures.js';
import { createOpen311Connector, open311ConfigSchema } from '../../../src/connectors/open311/index.js';
import { httpMock, useHttpMocks } from '../../support/http-mock.js';
import { captureLogger } from '../../support/logger.js';
import { impatientClock } from '../regional/support.js';

const BASE = 'http://open311.error.test';
useHttpMocks();

function connector() {
  const start = new Date(Date.now() - 3600_000).toISOString();
  const config = open311ConfigSchema.parse({
    kind: 'open311',
    baseUrl: `${BASE}/v2`,
    format: 'json',
    updates: { enabled: true },
    window: { start, days: 30 },
    statusMap: { open: 'received', closed: 'closed' },
  });
  return createOpen311Connector(config, {
    name: 'kota',
    logger: captureLogger().logger,
    clock: impatientClock,
    secret: () => undefined,
  });
}

const at = () => new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const update = (id: string, request: string) => ({
  update_id: id,
  service_request_id: request,
  status: 'closed',
  updated_datetime: at(),
  description: `Jawaban ${id}`,
});
const request = (id: string) => ({
  service_request_id: id,
  status: 'closed',
  service_code: '1',
  service_name: 'Jalan',
  description: `Aduan ${id}`,
  requested_datetime: '2024-05-01T08:00:00Z',
  updated_datetime: at(),
});

describe('Open311 error paths', () => {
  it("keeps a 500 on one request of an update as that record's failure and still moves the cursor on", async () => {
    const mock = httpMock(BASE);
    mock.get('/v2/requests.json').query(true).reply(200, []);
    mock
      .get('/v2/servicerequestupdates.json')
      .query(true)
      .reply(200, [update('u1', '11'), update('u2', '12')]);
    mock.get('/v2/requests/11.json').reply(500, 'Internal Server Error');
    mock.get('/v2/requests/12.json').reply(200, [request('12')]);
    const c = connector();
    const page = await c.pull(null);
    await c.close();
    expect(page.done).toBe(true);
    expect(page.nextCursor).not.toBe('');
    const [failed, read] = [
      page.records.find((r) => r.externalId === '11'),
      page.records.find((r) => r.externalId === '12'),
    ];
    expect(failed).toMatchObject({
      ok: false,
      reason: expect.stringContaining('request 11 could not be read (TRANSIENT 500)') as string,
      raw: { service_request_id: '11', updates: [{ update_id: 'u1' }] },
    });
    expect(read).toMatchObject({ ok: true, draft: { responses: [{ externalId: 'u2', text: 'Jawaban u2' }] } });
  });

  it("still fails the whole pull when the server refuses us (AUTH): that is not one record's matter", async () => {
    const mock = httpMock(BASE);
    mock.get('/v2/requests.json').query(true).reply(200, []);
    mock
      .get('/v2/servicerequestupdates.json')
      .query(true)
      .reply(200, [update('u1', '11')]);
    mock.get('/v2/requests/11.json').reply(403, [{ code: 403, description: 'forbidden' }]);
    const c = connector();
    const err = await c.pull(null).catch((e: unknown) => e);
    await c.close();
    expect(isConnectorError(err) && err.code).toBe('AUTH');
  });

  it('says that the address redirects (an http:// base URL the server sends to https://), and does not follow it', async () => {
    const mock = httpMock(BASE);
    mock.get('/v2/services.json').reply(301, '', { Location: 'https://open311.error.test/v2/services.json' });
    const c = connector();
    const checks = await c.health();
    await c.close();
    expect(checks.map((r) => [r.check, r.ok])).toEqual([
      ['services', false],
      ['address', false],
    ]);
    expect(checks[0]!.detail).toMatch(/^REDIRECTED: /);
    expect(checks[1]!.detail).toContain(
      'was redirected (301) to https://open311.error.test/v2/services.json: requests are not sent on to another origin',
    );
  });

  it('says that updates.enabled is wrong when the server has no servicerequestupdates', async () => {
    const mock = httpMock(BASE);
    mock
      .get('/v2/services.json')
      .reply(200, [{ service_code: '1', service_name: 'Jalan', metadata: 'false', type: 'realtime' }]);
    mock
      .get('/v2/servicerequestupdates.json')
      .query(true)
      .reply(404, [{ code: 404, description: 'not found' }]);
    const c = connector();
    const checks = await c.health();
    await c.close();
    expect(checks).toEqual([
      { check: 'services', ok: true, detail: '1 service(s) offered, answered in JSON' },
      {
        check: 'servicerequestupdates',
        ok: false,
        detail: expect.stringContaining('set updates.enabled to false') as string,
      },
    ]);
  });
});
