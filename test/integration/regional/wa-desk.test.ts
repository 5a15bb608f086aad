import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isConnectorError } from '../../../src/domain/failures.js';
import type { Status } from '../../../src/domain/status.js';
import type { Connector } from '../../../src/connectors/types.js';
import { startRegionalSandbox, type RunningRegionalSandbox } from '../../../src/sandbox/regional/index.js';
import { admin, byId, drafts, presetConnector, pullAll } from './support.js';

interface WaState {
  reports: { _id: string; message: string; from: string; updatedAt: string }[];
  handlings: Record<
    string,
    { status: string; situasi?: string; trackingId: string | null; kesimpulan: { text: string }[] }
  >;
}

let sandbox: RunningRegionalSandbox;
let connector: Connector;
const wa = () => sandbox.state().wa as WaState;

beforeAll(async () => {
  sandbox = await startRegionalSandbox({ seed: 11, counts: { wa: 120, superapp: 1, bupati: 1, open311: 1 } });
  connector = presetConnector('wa-desk.yaml', 'wadesk', sandbox.env.wa);
});
afterAll(async () => {
  await connector?.close();
  await sandbox.close();
});

describe('WhatsApp desk preset against the regional sandbox', () => {
  it('pulls every report once, with its handling record mapped', async () => {
    const { records, pages } = await pullAll(connector);
    const state = wa();
    expect(pages).toBeGreaterThan(2);
    expect(records.every((r) => r.ok)).toBe(true);
    expect(records.map((r) => r.externalId).sort()).toEqual(state.reports.map((r) => r._id).sort());

    const mapped = byId(records);
    for (const report of state.reports) {
      const draft = mapped.get(report._id)!;
      const handling = state.handlings[report._id];
      expect(draft.body).toBe(report.message);
      expect(draft.reporter?.phone).toBe(report.from);
      expect(draft.sourceStatus).toBe(handling?.status);
      // A report nobody has opened has no handling record: it is new (the preset's whenMissing).
      if (handling === undefined) expect(draft.status).toBe('received');
      else expect(draft.status).toBeDefined();
      expect(draft.crossRefs).toEqual(
        handling?.trackingId ? [{ system: 'lapor', externalId: handling.trackingId }] : [],
      );
      expect(draft.responses.map((r) => r.text)).toEqual(handling?.kesimpulan.map((k) => k.text) ?? []);
      // situasi says how urgent, and once in a while that it asks for information: else a complaint.
      expect(draft.classification).toBe(
        handling?.situasi === 'Permintaan Informasi' ? 'permintaan_informasi' : 'pengaduan',
      );
    }
    const situasi = new Set(Object.values(state.handlings).map((h) => h.situasi));
    expect(situasi.has('Permintaan Informasi') && situasi.size > 1).toBe(true);
  });

  it('an idle pull asks the list once and returns nothing: the overlap read again is not returned or enriched twice', async () => {
    const first = await pullAll(connector);
    const asked: string[] = [];
    const count = (message: unknown) => {
      const { request } = message as { request: { method: string; path: string } };
      asked.push(`${request.method} ${request.path.split('?')[0]}`);
    };
    subscribe('http.client.request.start', count);
    try {
      const idle = await pullAll(connector, first.cursor);
      const again = await pullAll(connector, idle.cursor);
      expect([idle.records.length, again.records.length]).toEqual([0, 0]);
      expect(asked).toEqual(['GET /wa/api/reports', 'GET /wa/api/reports']);
      expect(again.cursor).toBe(idle.cursor);
    } finally {
      unsubscribe('http.client.request.start', count);
    }
  });

  it('sees an edit on the next pull from the saved cursor', async () => {
    const first = await pullAll(connector);
    const target = wa().reports[5]!;
    await admin(sandbox.url, 'POST', '/clock', { advanceSeconds: 600 });
    await admin(sandbox.url, 'PATCH', `/wa/records/${target._id}`, {
      message: 'Pesan diralat oleh pelapor',
      handling: { status: 'Proses OPD Terkait' },
    });
    const next = await pullAll(connector, first.cursor);
    const edited = byId(next.records).get(target._id);
    expect(edited).toMatchObject({
      body: 'Pesan diralat oleh pelapor',
      sourceStatus: 'Proses OPD Terkait',
      status: 'in_progress',
    });
    // Incremental: only what changed since (plus the overlap window), not the whole desk again.
    expect(next.records.length).toBeLessThan(first.records.length);
  });

  it('writes a LAPOR tracking id back through the handling record, once', async () => {
    const target = wa().reports.find((r) => wa().handlings[r._id] && !wa().handlings[r._id]!.trackingId)!;
    await expect(connector.setTrackingId!(target._id, '5123456')).resolves.toEqual({
      outcome: 'updated',
      remoteId: target._id,
      trackingId: '5123456',
    });
    await expect(connector.setTrackingId!(target._id, '5123456')).resolves.toMatchObject({ outcome: 'unchanged' });
    expect(wa().handlings[target._id]).toMatchObject({
      trackingId: '5123456',
      status: wa().handlings[target._id]!.status,
    });
    const other = await connector.setTrackingId!(target._id, '5999999').catch((err: unknown) => err);
    expect(isConnectorError(other) && other.code).toBe('CONFLICT');
  });

  it('appends a response to the conclusions and mirrors a status, each once', async () => {
    const target = wa().reports.find((r) => wa().handlings[r._id])!;
    const answer = {
      clientRef: 'resp-1',
      text: 'Lampu sudah diganti oleh Dinas Perhubungan.',
      by: 'Dinas Perhubungan',
      at: new Date().toISOString(),
    };
    const before = wa().handlings[target._id]!.kesimpulan.length;
    await expect(connector.postResponse!(target._id, answer)).resolves.toMatchObject({ outcome: 'created' });
    await expect(connector.postResponse!(target._id, answer)).resolves.toMatchObject({ outcome: 'unchanged' });
    expect(wa().handlings[target._id]!.kesimpulan).toHaveLength(before + 1);

    await expect(connector.updateStatus!(target._id, 'closed')).resolves.toMatchObject({ outcome: 'updated' });
    await expect(connector.updateStatus!(target._id, 'closed')).resolves.toMatchObject({ outcome: 'unchanged' });
    expect(wa().handlings[target._id]!.status).toBe('Selesai Pengaduan');
    const refused = await connector.updateStatus!(target._id, 'postponed').catch((err: unknown) => err);
    expect(isConnectorError(refused) && refused.code).toBe('INVALID_PAYLOAD');
    // The preset says so, so the push does not ask: the desk shows no "postponed" nor "not authority".
    expect(['postponed', 'not_authority', 'closed'].map((s) => connector.mirrorsStatus!(s as Status))).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('has no create: the desk only takes reports from WhatsApp', () => {
    expect(connector.createComplaint).toBeUndefined();
  });

  it('keeps a page when one record in it is broken', async () => {
    sandbox.faults.configure({ malformed: { times: 1 } });
    const { records } = await pullAll(connector);
    const rejected = records.filter((r) => !r.ok);
    expect(rejected).toHaveLength(1);
    expect(drafts(records)).toHaveLength(wa().reports.length - 1);
  });
});
