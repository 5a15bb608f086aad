import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../src/connectors/types.js';
import { loadConfig } from '../../../src/config/load.js';
import {
  bupatiOpdStage,
  createRestConnector,
  restConfigSchema,
  type RestConfig,
} from '../../../src/connectors/rest/index.js';
import { startRegionalSandbox, type RunningRegionalSandbox } from '../../../src/sandbox/regional/index.js';
import { captureLogger } from '../../support/logger.js';
import { admin, byId, impatientClock, presetConnector, PRESETS_DIR, pullAll } from './support.js';

interface Report {
  id: string;
  description: string;
  bupatiStatus: string;
  opdStatus: string;
  externalRef: string | null;
  opdId: string | null;
  user: { name: string } | null;
}
interface BupatiState {
  reports: Report[];
  comments: Record<string, { content: string; clientRef: string | null }[]>;
}

let sandbox: RunningRegionalSandbox;
let connector: Connector;
const state = () => sandbox.state().bupati as BupatiState;

const CANONICAL: Record<string, string> = {
  MENUNGGU_BUPATI: 'received',
  DISPOSISI_OPD: 'disposed',
  PROSES_OPD: 'in_progress',
  DITOLAK_OPD: 'not_authority',
  DIJAWAB_OPD: 'responded',
  SELESAI: 'closed',
  DITOLAK_BUPATI: 'rejected',
};

beforeAll(async () => {
  sandbox = await startRegionalSandbox({ seed: 13, counts: { wa: 1, superapp: 1, bupati: 130, open311: 1 } });
  connector = presetConnector('bupati-app.yaml', 'bupatiapp', sandbox.env.bupati);
});
afterAll(async () => {
  await connector?.close();
  await sandbox.close();
});

describe('Bupati + OPD app preset against the regional sandbox', () => {
  it('pulls every report exactly once by change time, two statuses folded into one', async () => {
    const { records, pages } = await pullAll(connector);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(records.map((r) => r.externalId).sort()).toEqual(
      state()
        .reports.map((r) => r.id)
        .sort(),
    );
    const mapped = byId(records);
    for (const r of state().reports) {
      const d = mapped.get(r.id)!;
      expect(d.sourceStatus).toBe(`bupati=${r.bupatiStatus} opd=${r.opdStatus}`);
      expect(d.status).toBe(CANONICAL[bupatiOpdStage(r.bupatiStatus, r.opdStatus)!]);
      expect(d.opd?.id).toBe(r.opdId ?? undefined);
      expect(d.reporter?.name).toBe(r.user?.name);
      expect(d.responses.map((x) => x.text)).toEqual(state().comments[r.id]!.map((c) => c.content));
    }
  });

  it('pages by offset too (skip/take), each report once', async () => {
    const { config } = loadConfig({ file: `${PRESETS_DIR}bupati-app.yaml`, env: sandbox.env.bupati });
    const preset = config.sources.bupatiapp as RestConfig;
    const paging = { style: 'offset', offsetParam: 'skip', sizeParam: 'take', pageSize: 40 };
    const byOffset = createRestConnector(restConfigSchema.parse({ ...preset, list: { ...preset.list, paging } }), {
      name: 'bupatiapp',
      logger: captureLogger().logger,
      clock: impatientClock,
      secret: (n) => sandbox.env.bupati[n],
    });
    const { records, pages } = await pullAll(byOffset);
    expect(pages).toBe(4);
    expect(records.map((r) => r.externalId).sort()).toEqual(
      state()
        .reports.map((r) => r.id)
        .sort(),
    );
    await byOffset.close();
  });

  it('picks up a status change made after the pull, and nothing else', async () => {
    const first = await pullAll(connector);
    const target = state().reports.find((r) => r.bupatiStatus === 'PROSES' && r.opdStatus === 'PENDING')!;
    await admin(sandbox.url, 'POST', '/clock', { advanceSeconds: 60 });
    await admin(sandbox.url, 'PATCH', `/bupati/records/${target.id}`, {
      opdStatus: 'DITOLAK',
      opdReason: 'Bukan kewenangan kami',
    });
    const next = await pullAll(connector, first.cursor);
    expect(next.records.map((r) => r.externalId)).toEqual([target.id]);
    expect(byId(next.records).get(target.id)).toMatchObject({ status: 'not_authority' });
    const again = await pullAll(connector, next.cursor);
    expect(again.records).toEqual([]);
  });

  it('mirrors the OPD status, posts comments and creates forwarded reports idempotently', async () => {
    const target = state().reports.find((r) => r.opdStatus === 'PENDING')!;
    await expect(connector.updateStatus!(target.id, 'in_progress')).resolves.toMatchObject({ outcome: 'updated' });
    await expect(connector.updateStatus!(target.id, 'in_progress')).resolves.toMatchObject({ outcome: 'unchanged' });
    expect(state().reports.find((r) => r.id === target.id)!.opdStatus).toBe('PROSES');

    const answer = { clientRef: 'c-1', text: 'Sudah kami tindak lanjuti.', by: 'DPUPR', at: new Date().toISOString() };
    await expect(connector.postResponse!(target.id, answer)).resolves.toMatchObject({ outcome: 'created' });
    await expect(connector.postResponse!(target.id, answer)).resolves.toMatchObject({ outcome: 'unchanged' });
    expect(state().comments[target.id]!.filter((c) => c.clientRef === 'c-1')).toHaveLength(1);

    const complaint = {
      clientRef: 'lapor-5010653',
      classification: 'pengaduan' as const,
      title: 'Dari LAPOR: lampu mati',
      body: 'Lampu jalan mati di Jl. Sudirman.',
      location: 'Kec. Blora',
      anonim: false,
      rahasia: false,
      reportedAt: new Date().toISOString(),
      attachments: [],
    };
    const created = await connector.createComplaint!(complaint);
    await expect(connector.createComplaint!(complaint)).resolves.toEqual({
      outcome: 'unchanged',
      remoteId: created.remoteId,
    });
    expect(state().reports.filter((r) => r.externalRef === 'lapor-5010653')).toHaveLength(1);
    expect(connector.setTrackingId).toBeUndefined();
  });
});
