import { afterEach, describe, expect, it } from 'vitest';
import type { PulledRecord } from '../../../src/connectors/types.js';
import { complaintDraftSchema } from '../../../src/domain/draft.js';
import { systemClock } from '../../../src/domain/clock.js';
import { ImportTally } from '../../../src/store/import-tally.js';
import { createStore } from '../../../src/store/store.js';
import { testRedis, type TestRedis } from '../../support/redis.js';

let redis: TestRedis | undefined;
afterEach(async () => {
  await redis?.cleanup();
  redis = undefined;
});

function row(n: number, id: string | undefined, ok = true, text = `aduan ${id}`): PulledRecord {
  const raw = { _row: n, No: id, Isi: text };
  if (!ok || id === undefined)
    return { ok: false, ...(id ? { externalId: id } : {}), raw, reason: `row ${n}: missing text` };
  const draft = complaintDraftSchema.parse({
    externalId: id,
    body: text,
    reportedAt: '2023-01-01T00:00:00Z',
    updatedAt: '2023-01-01T00:00:00Z',
  });
  return { ok: true, externalId: id, raw, draft };
}

async function setup() {
  redis = await testRedis('tally');
  const store = createStore(redis.redis, redis.prefix, systemClock, { failingAfter: 3 });
  return { store, tally: new ImportTally(redis.redis, store.keys, 'arsip', '0123456789abcdef') };
}

describe('import tally', () => {
  it('puts each row in exactly one class: new, already in the ledger, repeated in the file, rejected', async () => {
    const { store, tally } = await setup();
    await redis!.redis.hset(store.keys.externalIds('arsip'), '7', 'c-held-before');
    await tally.record([row(1, '5'), row(2, '7'), row(3, '5'), row(4, '9', false), row(5, undefined)]);
    expect(await tally.state()).toMatchObject({ rows: 5, imported: 1, known: 1, repeated: 1, rejected: 2 });
    expect((await tally.rejects()).map((r) => [r.row, r.reason])).toEqual([
      [4, 'row 4: missing text'],
      [5, 'row 5: missing text'],
    ]);
  });

  it('never folds a row into another: a repeated number with other content is rejected with its reason, a true duplicate is listed', async () => {
    const { tally } = await setup();
    const page = [row(1, '0045'), row(2, '0045'), row(3, '0045', true, 'lampu mati di Jepon'), row(4, '7')];
    const seen = await tally.record(page);
    expect(seen.map((r) => r.ok)).toEqual([true, true, false, true]);
    expect(seen[2]).toMatchObject({
      ok: false,
      externalId: '0045',
      raw: { _row: 3, Isi: 'lampu mati di Jepon' },
      reason: expect.stringContaining('row 3: number 0045 is also row 1, with other content') as string,
    });
    expect(await tally.state()).toMatchObject({ rows: 4, imported: 2, repeated: 1, rejected: 1 });
    expect(await tally.duplicates()).toEqual([{ row: 2, sameAs: 1 }]);
    expect(await tally.rejects()).toMatchObject([{ row: 3, raw: { _row: 3, No: '0045', Isi: 'lampu mati di Jepon' } }]);
    // Read again after a crash: counted once, and refused again (never stored over row 1's complaint).
    expect((await tally.record(page)).map((r) => r.ok)).toEqual([true, true, false, true]);
    expect(await tally.state()).toMatchObject({ rows: 4, imported: 2, repeated: 1, rejected: 1 });
  });

  it('counts a page read again after a crash once, also when the re-read starts inside a counted page', async () => {
    const { tally } = await setup();
    const page1 = [row(1, '1'), row(2, '2'), row(3, '3', false)];
    const page2 = [row(4, '4'), row(5, '2')];
    await tally.record(page1);
    await tally.record(page1);
    await tally.record([...page1.slice(1), ...page2]);
    await tally.record(page2);
    expect(await tally.state()).toMatchObject({ rows: 5, imported: 3, known: 0, repeated: 1, rejected: 1 });
    expect(await tally.rejects()).toHaveLength(1);
  });

  it('names imported rows the ledger does not hold yet, and forgets its ids once finished', async () => {
    const { store, tally } = await setup();
    await tally.record([row(1, 'a'), row(2, 'b'), row(3, 'c')]);
    expect(await tally.importedNotInLedger()).toBe(3);
    await redis!.redis.hset(store.keys.externalIds('arsip'), 'a', 'c-1', 'b', 'c-2');
    expect(await tally.importedNotInLedger()).toBe(1);
    await tally.finish(new Date('2026-01-01T00:00:00Z'));
    expect(await tally.state()).toMatchObject({ rows: 3, imported: 3, finishedAt: '2026-01-01T00:00:00.000Z' });
    expect(await redis!.redis.exists(`${store.keys.importRun('arsip', '0123456789abcdef')}:ids`)).toBe(0);
  });

  it('keeps a parked position only for a file it has counts of, and forgets everything on reset', async () => {
    const { store, tally } = await setup();
    await tally.park('rows.10.0123456789abcdef');
    expect((await tally.state()).parkedCursor).toBeUndefined();
    await tally.begin('/data/rekap.csv', new Date('2026-01-01T00:00:00Z'));
    await tally.record([row(1, 'a')]);
    await tally.park('rows.1.0123456789abcdef');
    expect(await tally.state()).toMatchObject({
      file: '/data/rekap.csv',
      parkedCursor: 'rows.1.0123456789abcdef',
      startedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(await redis!.redis.ttl(store.keys.importRun('arsip', '0123456789abcdef'))).toBeGreaterThan(0);
    await tally.reset();
    expect(await tally.state()).toEqual({ rows: 0, imported: 0, known: 0, repeated: 0, rejected: 0 });
  });
});
