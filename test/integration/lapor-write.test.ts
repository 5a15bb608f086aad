import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundComplaint } from '../../src/connectors/types.js';
import { laporHarness, okIds, pullRun, type Harness } from './lapor-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const complaint: OutboundComplaint = {
  clientRef: 'lb-c-000042',
  classification: 'permintaan_informasi',
  title: 'Syarat pembuatan KTP-el',
  body: 'Apa saja syarat pembuatan KTP-el untuk pemula? Mohon informasinya, terima kasih.',
  categoryId: '5',
  location: 'Kel. Kunden, Kec. Blora',
  anonim: false,
  rahasia: false,
  reportedAt: '2024-03-01T02:00:00.000Z',
  reporter: { name: 'Sri Lestari', phone: '081234567890' },
  attachments: ['https://example.org/foto.jpg'],
};

describe('LAPOR connector against the sandbox: writes', () => {
  it('creates a forwarded complaint once; a repeat finds it by client reference', async () => {
    h = await laporHarness({ sandbox: { firstTrackingId: '4294967290' } });
    const first = await h.connector.createComplaint!(complaint);
    const again = await h.connector.createComplaint!(complaint);
    expect(first.outcome).toBe('created');
    expect(first.trackingId).toMatch(/^\d+$/);
    expect(BigInt(first.trackingId!) > 2n ** 32n).toBe(true);
    expect(again).toEqual({ outcome: 'unchanged', remoteId: first.trackingId, trackingId: first.trackingId });
    const stored = h.sandbox.report(first.trackingId!)!;
    expect(stored).toMatchObject({
      classification: 'permintaan informasi',
      clientRef: 'lb-c-000042',
      topicId: '5',
      attachments: ['https://example.org/foto.jpg'],
    });
    expect(stored.reporter).toMatchObject({ name: 'Sri Lestari', phone: '081234567890' });
  });

  it("relies on the create call's own idempotency when there is no look-up endpoint", async () => {
    h = await laporHarness({ config: { endpoints: { findByRef: null } } });
    const first = await h.connector.createComplaint!({ ...complaint, clientRef: 'no-lookup-1' });
    const again = await h.connector.createComplaint!({ ...complaint, clientRef: 'no-lookup-1' });
    expect([first.outcome, again.outcome]).toEqual(['created', 'unchanged']);
    expect(again.trackingId).toBe(first.trackingId);
  });

  it('posts a tindak lanjut once per client reference; the next pull shows it in the timeline and as "responded"', async () => {
    h = await laporHarness();
    const first = await pullRun(h, null);
    const target = h.sandbox.visibleTrackingIds().find((id) => h!.sandbox.report(id)!.status === 'terdisposisi')!;
    const response = {
      clientRef: 'lb-r-7',
      text: 'Terima kasih, jalan sudah ditambal pada 5 Maret.',
      by: 'Dinas PUPR',
      at: '2024-03-04T03:00:01.000Z',
    };
    const posted = await h.connector.postResponse!(target, response);
    const repeated = await h.connector.postResponse!(target, response);
    expect(posted.outcome).toBe('created');
    expect(repeated).toEqual({ ...posted, outcome: 'unchanged' });

    h.clock.advance(1000);
    const next = await pullRun(h, first.cursor);
    expect(okIds(next.records)).toEqual([target]);
    const record = next.records[0]!;
    expect(record.ok && record.draft.status).toBe('responded');
    const answers = record.ok ? record.draft.responses.filter((r) => r.kind === 'tindak_lanjut') : [];
    expect(answers).toEqual([
      {
        externalId: posted.remoteId,
        at: expect.any(String),
        by: 'Dinas PUPR',
        text: response.text,
        kind: 'tindak_lanjut',
      },
    ]);
  });

  it('answers CONFLICT when the report no longer takes a tindak lanjut, NOT_FOUND when it is not ours', async () => {
    h = await laporHarness();
    const closed = h.sandbox.visibleTrackingIds().find((id) => h!.sandbox.report(id)!.status === 'selesai')!;
    await expect(
      h.connector.postResponse!(closed, { clientRef: 'x', text: 'Tambahan', by: 'Dinas', at: '2024-03-04T03:00:00Z' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', status: 409 });
    await expect(
      h.connector.postResponse!('1', { clientRef: 'y', text: 'Tambahan', by: 'Dinas', at: '2024-03-04T03:00:00Z' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rejects an invalid complaint as INVALID_PAYLOAD, not as something to retry', async () => {
    h = await laporHarness();
    await expect(
      h.connector.createComplaint!({ ...complaint, clientRef: 'short', body: 'pendek' }),
    ).rejects.toMatchObject({ code: 'INVALID_PAYLOAD', status: 422 });
  });
});

describe('LAPOR connector health check', () => {
  it('says what works', async () => {
    h = await laporHarness();
    expect(await h.connector.health()).toEqual([
      { check: 'auth', ok: true, detail: 'token accepted (header X-Lapor-Token)' },
      { check: 'topics', ok: true, detail: '24 topics, 11 at the top level' },
      {
        check: 'list',
        ok: true,
        detail: `instansi ${h.sandbox.instansiId}: report list answered (1 on a first page of 1)`,
      },
    ]);
  });

  it('says plainly that the token was rejected and what was not checked', async () => {
    h = await laporHarness({ token: 'wrong' });
    const results = await h.connector.health();
    expect(results.map((r) => [r.check, r.ok])).toEqual([
      ['auth', false],
      ['topics', false],
      ['list', false],
    ]);
    expect(results[0]!.detail).toMatch(/^token rejected \(header X-Lapor-Token, token from \$LAPOR_TEST_TOKEN\)/);
    expect(results[2]!.detail).toBe('not checked: the token was rejected');
  });

  it('tells a wrong list path from a wrong token', async () => {
    h = await laporHarness({ config: { endpoints: { list: { path: '/api/v1/instansi/{instansiId}/reports' } } } });
    const results = await h.connector.health();
    expect(results.map((r) => [r.check, r.ok])).toEqual([
      ['auth', true],
      ['topics', true],
      ['list', false],
    ]);
    expect(results[2]!.detail).toMatch(/NOT_FOUND|404/);
  });
});
