import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../../src/accounts/accounts.js';
import { directoryScope } from '../../../src/accounts/scope.js';
import { loadConfig } from '../../../src/config/load.js';
import { complaintId, contentHashOf, type Complaint } from '../../../src/domain/complaint.js';
import { rekapSettings } from '../../../src/rekap/settings.js';
import type { PageItem } from '../../../src/store/ledger.js';
import { ResponseStore } from '../../../src/store/responses.js';
import { createStore, type Store } from '../../../src/store/store.js';
import { INBOX_ROWS, Workspace, type WorkspacePort } from '../../../src/workspace/workspace.js';
import { testRedis, type TestRedis } from '../../support/redis.js';

const NOW = new Date('2026-03-31T02:00:00Z');
const clock = { now: () => NOW, sleep: async () => {} };
const NEWER = 5_199;

function complaint(externalId: string, receivedAt: string, opd: string, body: string): Complaint {
  const id = complaintId('lapor', externalId);
  return {
    id,
    caseId: id,
    source: 'lapor',
    externalId,
    crossRefs: [],
    body,
    rawBody: body,
    anonim: false,
    rahasia: false,
    reportedAt: receivedAt,
    receivedAt,
    updatedAt: receivedAt,
    status: 'verified',
    opd: { code: opd, assignedBy: 'source' },
    responses: [],
    attachments: [],
    contentHash: contentHashOf(externalId),
    version: 1,
  };
}

function user(username: string, role: User['role'], opd?: string): User {
  return {
    username,
    displayName: username,
    role,
    ...(opd ? { opd } : {}),
    disabled: false,
    passwordChangedAt: '2026-01-01T00:00:00.000Z',
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'test',
  };
}

/**
 * An OPD's inbox and search read its own index (a sorted set per OPD kept by the ledger
 * scripts), not the newest 5,000 of the ledger: an old complaint of a quiet OPD behind
 * thousands of newer ones of another is still there. Real Redis, real ledger writes.
 */
describe('per-OPD index for the inbox and search (real Redis, more than 5,000 complaints)', () => {
  let redis: TestRedis;
  let store: Store;
  let workspace: Workspace;
  const old = complaint('1', '2025-01-06T02:00:00.000Z', 'dinkes', 'Antrean obat di puskesmas Kedungtuban sangat lama');
  const kadinkes = user('kadinkes', 'opd_head', 'dinkes');
  const stafPu = user('staf.pu', 'opd_staff', 'dpupr');
  const admin = user('ops', 'admin');

  beforeAll(async () => {
    redis = await testRedis('opdidx');
    store = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
    const loaded = loadConfig({ env: {} });
    const port: WorkspacePort = {
      store,
      push: { responses: new ResponseStore(redis.redis, store.keys) } as unknown as WorkspacePort['push'],
      scope: directoryScope(loaded.opd),
      clock,
      rekap: rekapSettings(loaded.config),
      sources: ['lapor'],
      scanLimit: 5000,
    };
    workspace = new Workspace(port);
    const all = [old];
    for (let i = 0; i < NEWER; i++)
      all.push(
        complaint(
          String(10_000 + i),
          new Date(Date.parse('2026-02-01T00:00:00Z') + i * 60_000).toISOString(),
          'dpupr',
          `Jalan rusak nomor ${i}`,
        ),
      );
    for (let i = 0; i < all.length; i += 500) {
      const items: PageItem[] = all.slice(i, i + 500).map((c) => ({
        source: 'lapor',
        externalId: c.externalId,
        write: { complaint: c, audit: { who: 'test', what: 'created', why: 'test' } },
        expectedVersion: 0,
      }));
      expect((await store.ledger.writePage(items)).every(Boolean)).toBe(true);
    }
    expect(await store.ledger.count()).toBe(NEWER + 1);
  }, 120_000);

  afterAll(async () => {
    await redis?.cleanup();
  });

  it("finds an OPD's old complaint behind 5,199 newer ones of another OPD, reading only its own", async () => {
    const inbox = await workspace.inbox(kadinkes, {});
    expect(inbox.rows.map((r) => r.complaint.id)).toEqual([old.id]);
    expect(inbox).toMatchObject({ scanned: 1, whole: true, more: 0 });
    expect((await workspace.find(kadinkes, 'puskesmas kedungtuban')).map((c) => c.id)).toEqual([old.id]);

    // The every-OPD view reads the newest 5,000 of the ledger: the old one is not among them…
    const everyOpd = await workspace.inbox(admin, {});
    expect(everyOpd).toMatchObject({ scanned: 5000, whole: false });
    expect(everyOpd.rows.some((r) => r.complaint.id === old.id)).toBe(false);
    // …and an OPD filter reads that OPD's index, by code or by name.
    for (const opd of ['dinkes', 'Dinas Kesehatan'])
      expect((await workspace.inbox(admin, { opd })).rows.map((r) => r.complaint.id)).toEqual([old.id]);

    // A busy OPD reads all of its complaints; the page shows the most pressing (all late here:
    // the longest late first) and counts the rest.
    const busy = await workspace.inbox(stafPu, {});
    expect(busy).toMatchObject({ scanned: NEWER, whole: true, more: NEWER - INBOX_ROWS });
    expect(busy.rows.every((r) => r.state === 'terlambat')).toBe(true);
    const dues = busy.rows.map((r) => Date.parse(r.verdict.dueAt!));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    const shown = new Set(busy.rows.map((r) => r.complaint.externalId));
    expect(shown.has('10000')).toBe(true);
    expect(shown.has(String(10_000 + NEWER - 1))).toBe(false);
  }, 120_000);

  it('moves a complaint between OPD sets when its OPD changes, and builds the index once for a ledger written before it', async () => {
    const moved = await store.ledger.transact(old.id, (c) =>
      c
        ? {
            complaint: {
              ...c,
              version: c.version + 1,
              opd: { code: 'dpupr', assignedBy: 'operator', at: NOW.toISOString() },
            },
            audit: { who: 'operator:ops', what: 'routed', why: 'test' },
          }
        : null,
    );
    expect(moved).not.toBeNull();
    expect(await redis.redis.zscore(store.keys.opdIndex('dinkes'), old.id)).toBeNull();
    expect(await redis.redis.zscore(store.keys.opdIndex('dpupr'), old.id)).not.toBeNull();
    expect((await workspace.inbox(kadinkes, {})).rows).toEqual([]);
    expect(await workspace.find(kadinkes, 'puskesmas kedungtuban')).toEqual([]);

    // A ledger from before the index: no sets, no marker. The first inbox builds it.
    await redis.redis.del(store.keys.opdIndex('dpupr'), store.keys.meta('opd-index'));
    const rebuilt = await workspace.inbox(stafPu, {});
    expect(rebuilt.scanned).toBe(NEWER + 1);
    expect((await workspace.find(stafPu, 'puskesmas kedungtuban')).map((c) => c.id)).toEqual([old.id]);
  }, 120_000);

  it('lists what a search finds by report date, the latest on top, whatever order a backfill brought them in', async () => {
    const kadinsos = user('kadinsos', 'opd_head', 'dinsos');
    // Received today, reported over the months before: a backfill reads the oldest last.
    const reported = ['2026-01-05', '2026-03-20', '2026-02-11'];
    for (const [i, day] of reported.entries()) {
      const c = complaint(`bansos-${i}`, `${day}T03:00:00.000Z`, 'dinsos', `Bantuan sosial belum cair ${i}`);
      await store.ledger.transact(c.id, () => ({
        complaint: { ...c, receivedAt: new Date(NOW.getTime() - i * 60_000).toISOString() },
        audit: { who: 'test', what: 'created', why: 'test' },
      }));
    }
    const found = await workspace.find(kadinsos, 'bantuan sosial');
    expect(found.map((c) => c.reportedAt.slice(0, 10))).toEqual(['2026-03-20', '2026-02-11', '2026-01-05']);
  });
});
