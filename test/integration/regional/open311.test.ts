import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { isConnectorError } from '../../../src/domain/failures.js';
import { createOpen311Connector, open311ConfigSchema } from '../../../src/connectors/open311/index.js';
import type { Connector } from '../../../src/connectors/types.js';
import { STATUSES, type Status } from '../../../src/domain/status.js';
import { startRegionalSandbox, type RunningRegionalSandbox } from '../../../src/sandbox/regional/index.js';
import { captureLogger } from '../../support/logger.js';
import { admin, byId, impatientClock, presetConnector, PRESETS_DIR, pullAll } from './support.js';

interface Open311State {
  requests: { service_request_id: string; status: string; requested_datetime: string; description: string | null }[];
  updates: { update_id: string; service_request_id: string; status: string; description: string }[];
}

let sandbox: RunningRegionalSandbox;
let connector: Connector;
const state = () => sandbox.state().open311 as Open311State;
// The server caps answers at 25; the connector must be told the same cap (config only).
const env = () => ({ ...sandbox.env.open311, LAPOR_BRIDGE__SOURCES__OPEN311__MAXRESULTS: '25' });

/** The preset with a few settings changed, to reach corners of the windowing. */
function variant(overrides: Record<string, unknown>): Connector {
  const { config } = loadConfig({ file: `${PRESETS_DIR}open311.yaml`, env: env() });
  const parsed = open311ConfigSchema.parse({ ...config.sources.open311, ...overrides });
  return createOpen311Connector(parsed, {
    name: 'open311',
    logger: captureLogger().logger,
    clock: impatientClock,
    secret: (n) => sandbox.env.open311[n],
  });
}

beforeAll(async () => {
  sandbox = await startRegionalSandbox({
    seed: 14,
    counts: { wa: 1, superapp: 1, bupati: 1, open311: 80 },
    open311MaxResults: 25,
  });
  connector = presetConnector('open311.yaml', 'open311', env());
});
afterAll(async () => {
  await connector?.close();
  await sandbox.close();
});

describe('Open311 connector against the regional sandbox', () => {
  it('walks start_date/end_date windows, splitting those the server caps, and returns every request once', async () => {
    const plain = variant({ updates: { enabled: false } });
    const { records, pages } = await pullAll(plain);
    const ids = records.map((r) => r.externalId!);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(
      state()
        .requests.map((r) => r.service_request_id)
        .sort(),
    );
    // 80 requests in 60 days with a cap of 25 per answer: the 90-day window had to be split.
    expect(pages).toBeGreaterThan(3);
    await plain.close();
  });

  it('attaches updates as responses and takes the newest status', async () => {
    const { records } = await pullAll(connector);
    const mapped = byId(records);
    expect(new Set(mapped.keys())).toEqual(new Set(state().requests.map((r) => r.service_request_id)));
    for (const request of state().requests) {
      const own = state().updates.filter((u) => u.service_request_id === request.service_request_id);
      const draft = mapped.get(request.service_request_id)!;
      if (own.length > 0) expect(draft.sourceStatus).toBe(own[own.length - 1]!.status);
      expect(draft.status).toBeDefined();
    }
    const responded = [...mapped.values()].filter((d) => d.responses.some((r) => r.kind === 'tindak_lanjut'));
    expect(responded.length).toBeGreaterThan(0);
  });

  it('is incremental: after catching up, only new and changed requests come back', async () => {
    const first = await pullAll(connector);
    // No clock jump here: windows end at the connector's "now", so the server must not run ahead of it.
    const [created] = (await admin(sandbox.url, 'POST', '/open311/records', {
      service_code: '101',
      description: 'Jembatan Desa Ngawen retak.',
    })) as { service_request_id: string }[];
    const old = state().requests.find((r) => r.status === 'open')!;
    await admin(sandbox.url, 'POST', `/open311/requests/${old.service_request_id}/updates`, {
      status: 'fixed',
      description: 'Sudah diperbaiki.',
    });
    const next = await pullAll(connector, first.cursor);
    const mapped = byId(next.records);
    expect([...mapped.keys()]).toEqual(expect.arrayContaining([created!.service_request_id, old.service_request_id]));
    // Besides those two, only what changed inside the overlap window (the last 5 minutes) comes again.
    expect(mapped.size).toBeLessThan(first.records.length / 2);
    expect(mapped.get(old.service_request_id)).toMatchObject({ sourceStatus: 'fixed', status: 'responded' });
  });

  it('posts a response and a status as service request updates, each once', async () => {
    const target = state().requests.find((r) => r.status === 'open')!;
    const id = target.service_request_id;
    const answer = {
      clientRef: 'lb-resp-9',
      text: 'Petugas DPUPR sudah menambal jalan.',
      by: 'DPUPR',
      at: new Date().toISOString(),
    };
    await expect(connector.postResponse!(id, answer)).resolves.toEqual({ outcome: 'created', remoteId: 'lb-resp-9' });
    await expect(connector.postResponse!(id, answer)).resolves.toEqual({ outcome: 'unchanged', remoteId: 'lb-resp-9' });
    await expect(connector.updateStatus!(id, 'closed')).resolves.toMatchObject({ outcome: 'updated' });
    await expect(connector.updateStatus!(id, 'closed')).resolves.toMatchObject({ outcome: 'unchanged' });
    expect(state().requests.find((r) => r.service_request_id === id)!.status).toBe('closed');
    expect(state().updates.filter((u) => u.update_id === 'lb-resp-9')).toHaveLength(1);
    expect(connector.setTrackingId).toBeUndefined();
  });

  it('mirrors every status but those the preset says it has no value for; a status in neither is refused', async () => {
    expect(['postponed', 'archived', 'rejected'].filter((s) => connector.mirrorsStatus!(s as Status))).toEqual([]);
    expect(STATUSES.filter((s) => connector.mirrorsStatus!(s))).toEqual([
      'received',
      'verified',
      'disposed',
      'in_progress',
      'not_authority',
      'responded',
      'closed',
    ]);
    const id = state().requests[1]!.service_request_id;
    await expect(connector.updateStatus!(id, 'disposed')).resolves.toMatchObject({ outcome: 'updated' });
    // GeoReport's own status stays open/closed; the extended one travels with the update.
    expect(
      state()
        .updates.filter((u) => u.service_request_id === id)
        .at(-1)!.status,
    ).toBe('internal_referral');
    const bare = variant({ write: { statusOut: { closed: 'closed' } } });
    expect(bare.mirrorsStatus!('postponed')).toBe(true);
    const err = await bare.updateStatus!(id, 'postponed').catch((e: unknown) => e);
    expect(isConnectorError(err) && err.code).toBe('INVALID_PAYLOAD');
    // Without the updates extension nothing is mirrored at all.
    const plain = variant({ updates: { enabled: false } });
    expect([plain.updateStatus, plain.mirrorsStatus]).toEqual([undefined, undefined]);
    await Promise.all([bare.close(), plain.close()]);
  });

  it('creates a request from a forwarded complaint', async () => {
    const result = await connector.createComplaint!({
      clientRef: 'x1',
      classification: 'pengaduan',
      body: 'Saluran tersumbat di Kel. Kunden.',
      anonim: true,
      rahasia: false,
      reportedAt: new Date().toISOString(),
      attachments: [],
    });
    expect(result.outcome).toBe('created');
    expect(state().requests.some((r) => r.service_request_id === result.remoteId)).toBe(true);
  });

  it('translates a refused api_key into AUTH', async () => {
    const { config } = loadConfig({ file: `${PRESETS_DIR}open311.yaml`, env: env() });
    const bad = createOpen311Connector(open311ConfigSchema.parse(config.sources.open311), {
      name: 'open311',
      logger: captureLogger().logger,
      clock: impatientClock,
      secret: () => 'not-the-key',
    });
    const target = state().requests[0]!.service_request_id;
    // The look at the request succeeds (GET needs no key); the update itself is refused.
    const err = await bad.updateStatus!(target, 'received').catch((e: unknown) => e);
    expect(isConnectorError(err) && [err.code, err.status]).toEqual(['AUTH', 403]);
    await bad.close();
  });
});
