import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { createConnector } from '../../src/connectors/registry.js';
import type { Connector } from '../../src/connectors/types.js';
import { startLaporSandbox, type LaporSandbox } from '../../src/sandbox/lapor/index.js';
import { captureLogger } from '../support/logger.js';
import { manualClock, okIds } from './lapor-harness.js';

/** The example configurations load through the real loader and work against the sandbox profile they describe. */
const example = (name: string) => fileURLToPath(new URL(`../../config/examples/${name}`, import.meta.url));

let sandbox: LaporSandbox | undefined;
let connector: Connector | undefined;
afterEach(async () => {
  await connector?.close();
  await sandbox?.close();
  sandbox = connector = undefined;
});

async function connect(file: string, profile: 'default' | 'legacy') {
  const clock = manualClock();
  sandbox = await startLaporSandbox({ seed: 3, reports: 90, token: 'demo-token', profile, now: () => clock.now() });
  clock.advance(1000);
  const env = {
    LAPOR_TOKEN: 'demo-token',
    LAPOR_BRIDGE__SOURCES__LAPOR__BASEURL: sandbox.url,
    LAPOR_BRIDGE__SOURCES__LAPOR__PAGESIZE: '20',
  };
  const { config } = loadConfig({ file: example(file), env });
  const source = config.sources.lapor!;
  connector = createConnector(source, {
    name: 'lapor',
    logger: captureLogger().logger,
    clock,
    secret: (n) => env[n as keyof typeof env],
  });
  return connector;
}

async function pullAll(c: Connector): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const page = await c.pull(cursor);
    ids.push(...okIds(page.records));
    cursor = page.nextCursor;
    if (page.done) return ids;
  }
  throw new Error('no end');
}

describe.each([
  ['lapor.yaml', 'default'],
  ['lapor-legacy.yaml', 'legacy'],
] as const)('config/examples/%s against the %s sandbox profile', (file, profile) => {
  it('passes the health check, pulls every report once, creates and answers idempotently', async () => {
    const c = await connect(file, profile);
    expect((await c.health()).filter((r) => !r.ok)).toEqual([]);

    const ids = await pullAll(c);
    expect(ids.length).toBe(new Set(ids).size);
    expect([...ids].sort()).toEqual([...sandbox!.visibleTrackingIds()].sort());

    const complaint = {
      clientRef: `ex-${profile}`,
      classification: 'aspirasi' as const,
      body: 'Mohon dipasang rambu di tikungan Desa Ngawen. Mohon dipertimbangkan, terima kasih.',
      anonim: false,
      rahasia: true,
      reportedAt: '2024-03-01T01:00:00Z',
      reporter: { name: 'Eko', phone: '081300000000' },
      attachments: [],
    };
    const created = await c.createComplaint!(complaint);
    expect((await c.createComplaint!(complaint)).trackingId).toBe(created.trackingId);
    expect(sandbox!.report(created.trackingId!)).toMatchObject({
      rahasia: true,
      classification: 'aspirasi',
      reporter: { name: 'Eko', phone: '081300000000' },
    });

    const answer = {
      clientRef: `ans-${profile}`,
      text: 'Usulan kami tampung.',
      by: 'Dinas Perhubungan',
      at: '2024-03-04T03:00:00Z',
    };
    expect((await c.postResponse!(created.trackingId!, answer)).outcome).toBe('created');
    expect((await c.postResponse!(created.trackingId!, answer)).outcome).toBe('unchanged');
  });
});
