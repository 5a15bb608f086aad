import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../../src/domain/failures.js';
import type { Connector } from '../../../src/connectors/types.js';
import type { FaultPatch } from '../../../src/sandbox/shared/fault-settings.js';
import { startRegionalSandbox, type RunningRegionalSandbox } from '../../../src/sandbox/regional/index.js';
import { presetConnector, pullAll } from './support.js';

let sandbox: RunningRegionalSandbox;
let connector: Connector;

beforeAll(async () => {
  sandbox = await startRegionalSandbox({ seed: 15, counts: { wa: 30, superapp: 1, bupati: 1, open311: 1 } });
  connector = presetConnector('wa-desk.yaml', 'wadesk', sandbox.env.wa);
});
afterEach(() => sandbox.faults.reset());
afterAll(async () => {
  await connector?.close();
  await sandbox.close();
});

describe('sandbox faults become the connector error vocabulary', () => {
  it.each<[string, FaultPatch, Partial<ConnectorError>]>([
    ['a 502', { serverError: { times: 1, statuses: [502] } }, { code: 'TRANSIENT', status: 502 }],
    [
      'maintenance with a long Retry-After (left to the queue)',
      { maintenance: { forSeconds: 3600 } },
      { code: 'TRANSIENT', status: 503, retryAfterMs: 3_600_000 },
    ],
    [
      '429 that does not stop within the polite retries',
      { rateLimit: { times: 5, retryAfterSeconds: 2 } },
      { code: 'RATE_LIMITED', status: 429, retryAfterMs: 2000 },
    ],
    ['a dropped connection', { timeout: { times: 1, hangMs: 20 } }, { code: 'TRANSIENT' }],
  ])('%s', async (_label, patch, expected) => {
    sandbox.faults.configure(patch);
    const err = await connector.pull(null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect(err).toMatchObject(expected);
  });

  it.each<[string, FaultPatch]>([
    ['a short 429 is waited out inside the request', { rateLimit: { times: 2, retryAfterSeconds: 1 } }],
    ['a slow answer', { slow: { times: 1, delayMs: 30 } }],
  ])('%s', async (_label, patch) => {
    sandbox.faults.configure(patch);
    const { records } = await pullAll(connector);
    expect(records.filter((r) => r.ok)).toHaveLength(30);
  });

  it('an edit right after listing is caught by the next incremental pull', async () => {
    const first = await pullAll(connector);
    sandbox.faults.configure({ editAfterList: { times: 1 } });
    sandbox.clock.advance(1000);
    const next = await pullAll(connector, first.cursor);
    const edited = await pullAll(connector, next.cursor);
    expect(sandbox.faults.state().fired.editAfterList).toBe(1);
    expect(edited.records.length).toBeGreaterThan(0);
  });

  it('health reports a failing source without throwing', async () => {
    sandbox.faults.configure({ serverError: { times: 1, statuses: [500] } });
    const [check] = await connector.health();
    expect(check).toMatchObject({ check: 'list', ok: false });
    expect(check!.detail).toContain('TRANSIENT');
    expect(await connector.health()).toEqual([{ check: 'list', ok: true, detail: 'GET /api/reports answered' }]);
  });
});
