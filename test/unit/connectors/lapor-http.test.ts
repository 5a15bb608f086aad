import { describe, expect, it } from 'vitest';
import { laporDefinition } from '../../../src/connectors/lapor/index.js';
import { laporConfigSchema } from '../../../src/connectors/lapor/config.js';
import type { Clock } from '../../../src/domain/clock.js';
import { httpMock, useHttpMocks } from '../../support/http-mock.js';
import { captureLogger } from '../../support/logger.js';

/** What the sandbox cannot easily produce: broken bodies, odd statuses, a dropped connection. */
const BASE = 'https://lapor.test';
const LIST = '/api/v1/instansi/3316/laporan';

useHttpMocks();

function connector() {
  const clock: Clock = { now: () => new Date('2024-03-04T03:00:00Z'), sleep: async () => undefined };
  const config = laporConfigSchema.parse({
    kind: 'lapor',
    baseUrl: BASE,
    instansiId: '3316',
    tokenEnv: 'T',
    retryAfter: { attempts: 0 },
  });
  return laporDefinition.create(config, { name: 'lapor', logger: captureLogger().logger, clock, secret: () => 'tok' });
}

describe('LAPOR connector: error translation over HTTP', () => {
  it.each([
    ['401', 'AUTH', 401, '{"status":false,"message":"token required"}'],
    ['403', 'AUTH', 403, '{"status":false,"message":"token invalid"}'],
    ['400 about the token', 'AUTH', 400, '{"status":false,"message":"Token expired"}'],
    ['422 about the token', 'AUTH', 422, '{"status":false,"message":"token tidak valid"}'],
    ['422 about the payload', 'INVALID_PAYLOAD', 422, '{"status":false,"message":"limit minimal 1"}'],
    ['400 with an HTML body', 'INVALID_PAYLOAD', 400, '<html>Bad Request</html>'],
    ['404', 'NOT_FOUND', 404, '{"status":false,"message":"endpoint tidak ditemukan"}'],
    ['409', 'CONFLICT', 409, '{"status":false,"message":"conflict"}'],
    ['429 without Retry-After', 'RATE_LIMITED', 429, '{"status":false,"message":"Too Many Requests"}'],
    ['500', 'TRANSIENT', 500, '{"status":false,"message":"Internal Server Error"}'],
    ['502 from the front proxy', 'TRANSIENT', 502, '<html><center><h1>502 Bad Gateway</h1></center></html>'],
    ['200 status:false token', 'AUTH', 200, '{"status":false,"message":"token invalid"}'],
    ['200 status:false unknown', 'TRANSIENT', 200, '{"status":false,"message":"Database error"}'],
    ['200 truncated JSON', 'TRANSIENT', 200, '{"status":true,"message":"OK","data":{"items":[{"tracking_id":"50106'],
    [
      '200 HTML maintenance page',
      'TRANSIENT',
      200,
      '<!DOCTYPE html><html><body>Sedang dalam pemeliharaan</body></html>',
    ],
    ['200 without an items list', 'INVALID_PAYLOAD', 200, '{"status":true,"data":{"rows":[]}}'],
  ])('%s → %s', async (_label, code, status, body) => {
    httpMock(BASE).get(LIST).query(true).reply(status, body);
    const c = connector();
    await expect(c.pull(null)).rejects.toMatchObject({ code });
    await c.close();
  });

  it('a connection reset is TRANSIENT', async () => {
    httpMock(BASE)
      .get(LIST)
      .query(true)
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const c = connector();
    await expect(c.pull(null)).rejects.toMatchObject({
      code: 'TRANSIENT',
      message: expect.stringContaining('ECONNRESET'),
    });
    await c.close();
  });

  it('a 503 carries its Retry-After to the queue when it may not wait itself', async () => {
    httpMock(BASE).get(LIST).query(true).reply(503, 'maintenance', { 'Retry-After': '120' });
    const c = connector();
    await expect(c.pull(null)).rejects.toMatchObject({ code: 'TRANSIENT', status: 503, retryAfterMs: 120_000 });
    await c.close();
  });

  it('sends the token only where configured and never into an error message', async () => {
    httpMock(BASE)
      .get(LIST)
      .query({ limit: '50' })
      .matchHeader('X-Lapor-Token', 'tok')
      .reply(403, '{"status":false,"message":"token invalid"}');
    const c = connector();
    const err = (await c.pull(null).catch((e: unknown) => e)) as Error;
    expect(err.message).not.toContain('tok"');
    expect(err.message).toContain('GET /api/v1/instansi/3316/laporan answered 403');
    await c.close();
  });
});

describe('LAPOR connector: a write redirected', () => {
  const FOLLOW_UP = '/api/v1/laporan/5010653/tindak-lanjut';
  const answer = { clientRef: 'lb-r-1', text: 'Sudah ditangani.', by: 'Dinas PUPR', at: '2024-03-04T03:00:00Z' };

  it('is not taken as sent from what a GET of the new address answers', async () => {
    let gets = 0;
    const scope = httpMock(BASE);
    scope.post(FOLLOW_UP).reply(302, '', { Location: `${BASE}${FOLLOW_UP}?session=abc` });
    // A GET there would answer like a successful write: the envelope says status true.
    scope
      .get(FOLLOW_UP)
      .query(true)
      .optionally()
      .reply(() => {
        gets++;
        return [200, '{"status":true,"message":"OK","data":[]}'];
      });
    const c = connector();
    const err = (await c.postResponse!('5010653', answer).catch((e: unknown) => e)) as Error;
    expect(err).toMatchObject({ code: 'REDIRECTED', status: 302 });
    expect(err.message).toContain(`answered 302 to ${BASE}${FOLLOW_UP};`);
    expect(err.message).not.toContain('session=abc');
    expect(gets).toBe(0);
    await c.close();
  });

  it('after a 303 the result is read from where it points', async () => {
    const scope = httpMock(BASE);
    scope.post(FOLLOW_UP).reply(303, '', { Location: '/api/v1/tindak-lanjut/88' });
    scope.get('/api/v1/tindak-lanjut/88').query(true).reply(200, '{"status":true,"data":{"tindak_lanjut_id":"88"}}');
    const c = connector();
    await expect(c.postResponse!('5010653', answer)).resolves.toEqual({
      outcome: 'created',
      remoteId: '88',
      trackingId: '5010653',
    });
    await c.close();
  });

  it('a 307 within the same origin is followed with its body and the token', async () => {
    const scope = httpMock(BASE);
    scope.post(FOLLOW_UP).reply(307, '', { Location: '/v2/laporan/5010653/tindak-lanjut' });
    scope
      .post('/v2/laporan/5010653/tindak-lanjut', (body: { client_ref?: string }) => body.client_ref === 'lb-r-1')
      .matchHeader('X-Lapor-Token', 'tok')
      .reply(200, '{"status":true,"data":{"tindak_lanjut_id":"91"}}');
    const c = connector();
    await expect(c.postResponse!('5010653', answer)).resolves.toMatchObject({ outcome: 'created', remoteId: '91' });
    await c.close();
  });

  it('a read redirected within the same origin keeps its token', async () => {
    const scope = httpMock(BASE);
    scope.get(LIST).query(true).reply(301, '', { Location: '/v2/instansi/3316/laporan?limit=50' });
    scope
      .get('/v2/instansi/3316/laporan')
      .query(true)
      .matchHeader('X-Lapor-Token', 'tok')
      .reply(200, '{"status":true,"data":{"items":[]}}');
    const c = connector();
    await expect(c.pull(null)).resolves.toMatchObject({ records: [] });
    await c.close();
  });
});
