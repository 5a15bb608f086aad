import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../../../../src/domain/failures.js';
import { createRestConnector, restConfigSchema } from '../../../../src/connectors/rest/index.js';
import type { Connector } from '../../../../src/connectors/types.js';
import { captureLogger } from '../../../support/logger.js';
import { httpMock, useHttpMocks } from '../../../support/http-mock.js';

/**
 * Failures the regional sandbox cannot easily produce (a 200 that is not JSON, a cut-off
 * body, a reset connection, an odd token endpoint) and their translation into codes.
 */
const BASE = 'http://regional.test';
const secrets: Record<string, string> = { T: 'token', CID: 'id', CSECRET: 'secret', KEY: 'k' };
const quickClock = { now: () => new Date('2025-01-01T00:00:00Z'), sleep: () => Promise.resolve() };

function connector(extra: Record<string, unknown> = {}): Connector {
  const config = restConfigSchema.parse({
    kind: 'rest',
    baseUrl: BASE,
    auth: { scheme: 'bearer', tokenEnv: 'T' },
    http: { timeoutMs: 2000, retryAfterAttempts: 1 },
    list: { path: '/items', itemsPath: 'data', paging: { style: 'page', pageSize: 10 } },
    fields: { id: 'id', text: 'text', reportedAt: 'at' },
    ...extra,
  });
  return createRestConnector(config, {
    name: 'src',
    logger: captureLogger().logger,
    clock: quickClock,
    secret: (n) => secrets[n],
  });
}

const item = { id: 1, text: 'Lampu mati', at: '2024-12-01T00:00:00Z' };

describe('REST connector error translation', () => {
  useHttpMocks();

  it.each<[string, (scope: ReturnType<typeof httpMock>) => void, Partial<ConnectorError>]>([
    [
      'an HTML maintenance page with 200',
      (s) => s.get('/items').query(true).reply(200, '<html><body>Sedang pemeliharaan</body></html>'),
      { code: 'TRANSIENT' },
    ],
    [
      'a truncated JSON body',
      (s) => s.get('/items').query(true).reply(200, '{"data":[{"id":1,"te'),
      { code: 'TRANSIENT' },
    ],
    [
      'a connection reset',
      (s) =>
        s
          .get('/items')
          .query(true)
          .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })),
      { code: 'TRANSIENT', message: expect.stringContaining('network error (ECONNRESET)') as string },
    ],
    [
      'JSON without the list where the mapping says',
      (s) => s.get('/items').query(true).reply(200, { items: [] }),
      { code: 'INVALID_PAYLOAD' },
    ],
    ['401', (s) => s.get('/items').query(true).reply(401, { message: 'Unauthorized' }), { code: 'AUTH', status: 401 }],
    ['403', (s) => s.get('/items').query(true).reply(403, {}), { code: 'AUTH', status: 403 }],
    ['404 on the list itself', (s) => s.get('/items').query(true).reply(404, {}), { code: 'NOT_FOUND', status: 404 }],
    ['422', (s) => s.get('/items').query(true).reply(422, { errors: {} }), { code: 'INVALID_PAYLOAD', status: 422 }],
    [
      '429 twice (polite retry exhausted)',
      (s) => s.get('/items').query(true).times(2).reply(429, {}, { 'Retry-After': '1' }),
      { code: 'RATE_LIMITED', retryAfterMs: 1000 },
    ],
  ])('%s', async (_label, arrange, expected) => {
    arrange(httpMock(BASE));
    const err = await connector()
      .pull(null)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect(err).toMatchObject(expected);
  });

  it('refuses a cursor it did not make', async () => {
    await expect(connector().pull('o311v1.e30')).rejects.toMatchObject({ code: 'CURSOR_INVALID' });
    await expect(connector().pull('rest1.%%%')).rejects.toMatchObject({ code: 'CURSOR_INVALID' });
  });

  it('reports a missing secret as AUTH before any request', async () => {
    const c = connector({ auth: { scheme: 'bearer', tokenEnv: 'UNSET' } });
    await expect(c.pull(null)).rejects.toMatchObject({ code: 'AUTH', message: 'src: secret UNSET is not set' });
  });

  it('fails only the record whose required detail is missing, and the page when a detail request fails', async () => {
    const enrich = { enrich: [{ as: 'detail', path: '/items/${id}/detail' }] };
    httpMock(BASE)
      .get('/items')
      .query(true)
      .reply(200, { data: [item, { ...item, id: 2 }] })
      .get('/items/1/detail')
      .reply(200, { x: 1 })
      .get('/items/2/detail')
      .reply(404, {});
    const page = await connector(enrich).pull(null);
    expect(page.records.map((r) => r.ok)).toEqual([true, false]);
    expect(page.records[1]).toMatchObject({ externalId: '2', reason: expect.stringContaining('detail:') });

    httpMock(BASE)
      .get('/items')
      .query(true)
      .reply(200, { data: [item] })
      .get('/items/1/detail')
      .reply(500, {});
    await expect(connector(enrich).pull(null)).rejects.toMatchObject({ code: 'TRANSIENT', status: 500 });
  });
});

describe('OAuth2 client credentials', () => {
  useHttpMocks();
  const oauth = {
    auth: {
      scheme: 'oauth2',
      tokenUrl: '/oauth/token',
      clientIdEnv: 'CID',
      clientSecretEnv: 'CSECRET',
      apiKeyHeaders: { 'Api-Key': 'KEY' },
    },
  };

  it('fetches one token, caches it, and sends it with the API-key header', async () => {
    httpMock(BASE)
      .post('/oauth/token', 'grant_type=client_credentials&client_id=id&client_secret=secret')
      .once()
      .reply(200, { access_token: 'abc', expires_in: 3600 })
      .get('/items')
      .query(true)
      .matchHeader('authorization', 'Bearer abc')
      .matchHeader('api-key', 'k')
      .times(2)
      .reply(200, { data: [item] });
    const c = connector(oauth);
    await c.pull(null);
    await c.pull(null);
  });

  it('on a 401 drops the cached token and tries once more with a new one', async () => {
    httpMock(BASE)
      .post('/oauth/token')
      .reply(200, { access_token: 'old', expires_in: 3600 })
      .get('/items')
      .query(true)
      .matchHeader('authorization', 'Bearer old')
      .reply(401, {})
      .post('/oauth/token')
      .reply(200, { access_token: 'new', expires_in: 3600 })
      .get('/items')
      .query(true)
      .matchHeader('authorization', 'Bearer new')
      .reply(200, { data: [item] });
    const page = await connector(oauth).pull(null);
    expect(page.records).toHaveLength(1);
  });

  it.each([
    ['invalid_client as 400', 400, { error: 'invalid_client' }],
    ['invalid_client as 401', 401, { error: 'invalid_client' }],
    ['no access_token in a 200', 200, { token_type: 'Bearer' }],
  ])('token endpoint answering %s is AUTH', async (_label, status, body) => {
    httpMock(BASE).post('/oauth/token').reply(status, body);
    await expect(connector(oauth).pull(null)).rejects.toMatchObject({ code: 'AUTH' });
  });
});
