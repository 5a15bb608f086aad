import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isConnectorError } from '../../../src/domain/failures.js';
import type { Connector } from '../../../src/connectors/types.js';
import { startRegionalSandbox, type RunningRegionalSandbox } from '../../../src/sandbox/regional/index.js';
import { admin, byId, presetConnector, pullAll } from './support.js';

interface Complaint {
  id: number;
  description: string;
  status: string;
  is_secret: boolean;
  is_anonymous: boolean;
  sp4n_id: string | null;
  reference_id: string | null;
  user: { name: string };
}
interface SuperappState {
  complaints: Complaint[];
  trackings: Record<string, unknown[]>;
  followups: Record<string, { description: string; reference_id: string | null }[]>;
  tokens: { issued: number };
}

let sandbox: RunningRegionalSandbox;
let connector: Connector;
const state = () => sandbox.state().superapp as SuperappState;

beforeAll(async () => {
  sandbox = await startRegionalSandbox({ seed: 12, counts: { wa: 1, superapp: 90, bupati: 1, open311: 1 } });
  connector = presetConnector('superapp.yaml', 'superapp', sandbox.env.superapp);
});
afterAll(async () => {
  await connector?.close();
  await sandbox.close();
});

describe('super-app partner API preset against the regional sandbox', () => {
  it('pulls every complaint once through the cursor, one token for all requests', async () => {
    const { records, pages } = await pullAll(connector);
    expect(pages).toBeGreaterThan(1);
    expect(records.every((r) => r.ok)).toBe(true);
    expect(records.map((r) => r.externalId).sort()).toEqual(
      state()
        .complaints.map((c) => String(c.id))
        .sort(),
    );
    expect(state().tokens.issued).toBe(1);

    const mapped = byId(records);
    for (const c of state().complaints) {
      const d = mapped.get(String(c.id))!;
      expect([d.rahasia, d.anonim]).toEqual([c.is_secret, c.is_anonymous]);
      expect(d.crossRefs).toEqual(c.sp4n_id ? [{ system: 'lapor', externalId: c.sp4n_id }] : []);
      expect(d.sourceStatus).toBe(c.status);
      expect(d.status).toBeDefined();
      expect(d.responses).toHaveLength(state().trackings[c.id]!.length + state().followups[c.id]!.length);
    }
    const withCoordinates = [...mapped.values()].find((d) => d.location?.lat !== undefined)!;
    expect(typeof withCoordinates.location!.lat).toBe('number');
  });

  it('reads WIB wall times without offset as +07:00', async () => {
    const { records } = await pullAll(connector);
    const raw = records[0]!.raw as { created_at: string };
    const draft = records[0]!.ok ? records[0]!.draft : undefined;
    expect(draft?.reportedAt).toBe(new Date(`${raw.created_at.replace(' ', 'T')}+07:00`).toISOString());
  });

  it('continues from the last cursor and finds what changed', async () => {
    const first = await pullAll(connector);
    const target = state().complaints[3]!;
    await admin(sandbox.url, 'POST', '/clock', { advanceSeconds: 5 });
    await admin(sandbox.url, 'PATCH', `/superapp/records/${target.id}`, { status: 'followup' });
    const next = await pullAll(connector, first.cursor);
    expect(byId(next.records).get(String(target.id))).toMatchObject({
      sourceStatus: 'followup',
      status: 'in_progress',
    });
    // A Laravel cursor ends with null: the last position is asked again, so at most that page plus changes return.
    expect(next.records.length).toBeLessThanOrEqual(50 + 1);
    expect(next.records.length).toBeLessThan(first.records.length);
  });

  it('fetches a new token when the old one is revoked', async () => {
    await admin(sandbox.url, 'POST', '/superapp/revoke-tokens');
    const issued = state().tokens.issued;
    await connector.pull(null);
    expect(state().tokens.issued).toBe(issued + 1);
  });

  it('writes the SP4N id, a follow-up and a status back, each idempotently', async () => {
    const target = state().complaints.find((c) => !c.sp4n_id)!;
    const id = String(target.id);
    await expect(connector.setTrackingId!(id, '501065312345')).resolves.toMatchObject({ outcome: 'updated' });
    await expect(connector.setTrackingId!(id, '501065312345')).resolves.toMatchObject({ outcome: 'unchanged' });

    const answer = {
      clientRef: 'ans-77',
      text: 'Jalan sudah ditambal oleh DPUPR.',
      by: 'DPUPR Kab. Blora',
      at: new Date().toISOString(),
    };
    const created = await connector.postResponse!(id, answer);
    expect(created.outcome).toBe('created');
    await expect(connector.postResponse!(id, answer)).resolves.toEqual({
      outcome: 'unchanged',
      remoteId: created.remoteId,
    });

    await expect(connector.updateStatus!(id, 'responded')).resolves.toMatchObject({ outcome: 'updated' });
    await expect(connector.updateStatus!(id, 'responded')).resolves.toMatchObject({ outcome: 'unchanged' });

    const after = state().complaints.find((c) => c.id === target.id)!;
    expect(after).toMatchObject({ sp4n_id: '501065312345', status: 'review' });
    expect(state().followups[target.id]!.filter((f) => f.reference_id === 'ans-77')).toHaveLength(1);
  });

  it('creates a forwarded complaint once per client reference, without identity when anonymous', async () => {
    const complaint = {
      clientRef: 'lb-cmp-0001',
      classification: 'pengaduan' as const,
      title: 'Jalan berlubang di Jl. Pemuda',
      body: 'Jalan berlubang dekat alun-alun, mohon ditindaklanjuti.',
      location: 'Kel. Kauman, Kec. Blora',
      anonim: true,
      rahasia: false,
      reportedAt: new Date().toISOString(),
      reporter: { name: 'Sri Rahayu', phone: '081234567890' },
      attachments: [],
    };
    const first = await connector.createComplaint!(complaint);
    expect(first.outcome).toBe('created');
    await expect(connector.createComplaint!(complaint)).resolves.toEqual({
      outcome: 'unchanged',
      remoteId: first.remoteId,
    });
    const stored = state().complaints.filter((c) => c.reference_id === 'lb-cmp-0001');
    expect(stored).toHaveLength(1);
    expect(stored[0]!.user.name).not.toContain('Sri');
  });

  it('refuses an SP4N id the CMS rejects, as an invalid payload', async () => {
    const target = state().complaints.find((c) => !c.sp4n_id)!;
    const err = await connector.setTrackingId!(String(target.id), '12345678901234567890').catch((e: unknown) => e);
    expect(isConnectorError(err) && [err.code, err.status]).toEqual(['INVALID_PAYLOAD', 422]);
  });
});
