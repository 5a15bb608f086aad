import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpen311Connector, open311ConfigSchema } from '../../../src/connectors/open311/index.js';
import { definitionOf } from '../../../src/connectors/registry.js';
import type { Connector } from '../../../src/connectors/types.js';
import { screenRecord } from '../../../src/pipeline/accept.js';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server.js';
import { captureLogger } from '../../support/logger.js';
import { byId, impatientClock, pullAll } from '../regional/support.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/open311/', import.meta.url));
const STATUS = { open: 'received', closed: 'closed' } as const;

let server: FixtureServer | undefined;
let connector: Connector | undefined;
afterEach(async () => {
  await connector?.close();
  await server?.close();
  [connector, server] = [undefined, undefined];
});

async function against(folder: string, overrides: Record<string, unknown> = {}) {
  server = await startFixtureServer(`${FIXTURES}${folder}`);
  const logs = captureLogger('debug');
  const config = open311ConfigSchema.parse({
    kind: 'open311',
    baseUrl: server.url,
    window: { start: '2024-01-01T00:00:00Z', days: 90 },
    statusMap: STATUS,
    ...overrides,
  });
  connector = createOpen311Connector(config, {
    name: 'kota',
    logger: logs.logger,
    clock: impatientClock,
    secret: () => undefined,
  });
  return { connector, logs, server, config };
}

describe('Open311 against recorded-style answers of real servers', () => {
  it('sends start_date/end_date as W3C datetimes to the second, and never asks for updates unless told', async () => {
    const { connector, server } = await against('numeric-ids');
    await pullAll(connector);
    const queries = server.seen.filter((s) => s.includes('/requests'));
    expect(queries.length).toBeGreaterThan(0);
    for (const q of queries) {
      const params = new URL(q.split(' ')[1]!, 'http://x').searchParams;
      expect(params.get('start_date')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(params.get('end_date')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    }
    expect(server.seen.some((s) => s.includes('servicerequestupdates'))).toBe(false);
  });

  it('reads numeric ids, missing optional fields and a request without description', async () => {
    const { connector } = await against('numeric-ids');
    const { records } = await pullAll(connector);
    expect(records.filter((r) => !r.ok)).toEqual([]);
    const drafts = byId(records);
    expect([...drafts.keys()].sort()).toEqual(['50211', '50212', '50213']);
    expect(drafts.get('50211')).toMatchObject({
      body: 'Jalan dan Jembatan',
      category: { id: '101' },
      status: 'received',
      reportedAt: '2024-03-02T01:15:00.000Z',
    });
    expect(drafts.get('50212')).toMatchObject({
      status: 'closed',
      location: { lat: -6.9712, lon: 111.4188 },
      responses: [{ kind: 'status_note', text: 'Sudah diganti lampu baru.' }],
    });
    expect(drafts.get('50213')).toMatchObject({
      body: 'Jembatan Desa Ngawen retak di sisi timur.',
      category: { id: '101' },
    });
  });

  it('finds that a server speaks only XML, and honours its Latin-1 charset', async () => {
    const { connector, server } = await against('xml-latin1');
    const { records } = await pullAll(connector);
    const [health] = await connector.health();
    expect(health).toMatchObject({ ok: true, detail: expect.stringContaining('XML') as string });
    // Each record as the pipeline would take it: through the one encoding screen.
    const screened = records.map(screenRecord);
    expect(screened.every((r) => r.ok)).toBe(true);
    const drafts = byId(screened);
    expect(drafts.get('7001')).toMatchObject({
      body: 'Saluran di depan Café Sémarang tersumbat, bau menyengat ± 2 minggu.',
      location: { text: 'Jl. Pemuda nº 12, Blora' },
    });
    expect(drafts.get('7002')).toMatchObject({
      body: 'Pengaduan Umum',
      status: 'closed',
      responses: [{ text: 'Sudah ditangani Dinas PU — terima kasih.' }],
    });
    // JSON was asked once, refused with 404, and not asked again.
    expect(server.seen.filter((s) => s.includes('requests.json'))).toHaveLength(1);
    expect(server.seen.filter((s) => s.includes('requests.xml')).length).toBeGreaterThan(1);
  });

  it('takes format: xml from configuration without trying JSON', async () => {
    const { connector, server } = await against('xml-latin1', { format: 'xml' });
    const { records } = await pullAll(connector);
    expect(records).toHaveLength(2);
    expect(server.seen.some((s) => s.includes('.json'))).toBe(false);
  });

  it("reads the specification's own examples in JSON and in XML alike", async () => {
    const start = { window: { start: '2010-04-01T00:00:00Z', days: 366 } };
    const json = await pullAll((await against('spec', { ...start, format: 'json' })).connector);
    await connector!.close();
    await server!.close();
    const xml = await pullAll((await against('spec', { ...start, format: 'xml' })).connector);
    const sameIn = (records: typeof json.records) => [...byId(records).values()].map((d) => ({ ...d }));
    expect(sameIn(xml.records)).toEqual(sameIn(json.records));
    expect(byId(json.records).get('638344')).toMatchObject({
      body: 'Sidewalk and Curb Issues',
      status: 'closed',
      location: { text: '8TH AVE and JUDAH ST', lat: 37.762221815, lon: -122.4651145 },
    });
  });

  it('cuts the answers of a server that ignores the date filters to each window, says so once, and returns each request once', async () => {
    const { connector, logs } = await against('filters-ignored', {
      window: { start: '2024-01-01T00:00:00Z', days: 30 },
      maxResults: 3,
    });
    const { records, pages } = await pullAll(connector);
    expect(pages).toBeGreaterThan(5);
    expect(records.map((r) => r.externalId).sort()).toEqual(['9001', '9002', '9003']);
    const warnings = logs
      .lines()
      .filter((l) => l.level === 40 && String(l.msg).includes('ignores start_date/end_date'));
    expect(warnings).toHaveLength(1);
    expect(logs.lines().some((l) => String(l.msg).includes('within one second'))).toBe(false);
  });

  it('needs the api_key only where it is sent', () => {
    const base = {
      kind: 'open311',
      baseUrl: 'http://127.0.0.1:1/v2',
      apiKeyEnv: 'OPEN311_API_KEY',
      window: { start: '2024-01-01T00:00:00Z' },
      statusMap: STATUS,
    };
    const secretsOf = (over: Record<string, unknown>) =>
      definitionOf('open311').secretsOf(open311ConfigSchema.parse({ ...base, ...over }));
    expect(secretsOf({})).toEqual([]);
    expect(secretsOf({ updates: { enabled: true } })).toEqual(['OPEN311_API_KEY']);
  });
});
