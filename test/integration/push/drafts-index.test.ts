import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/domain/clock.js';
import type { OpdResponse } from '../../../src/store/responses.js';
import { createStore, type Store } from '../../../src/store/store.js';
import { testRedis, type TestRedis } from '../../support/redis.js';

let r: TestRedis | undefined;
afterEach(async () => {
  await r?.cleanup();
  r = undefined;
});

async function open(): Promise<Store> {
  r = await testRedis('drafts');
  return createStore(r.redis, r.prefix, systemClock, { failingAfter: 3 });
}

function answer(id: string, state: OpdResponse['state'], minute: number): OpdResponse {
  const at = new Date(Date.UTC(2026, 2, 2, 3, minute)).toISOString();
  return {
    id,
    caseId: `c-${id}`,
    complaintId: `c-${id}`,
    text: 'Sudah kami tangani.',
    by: 'Staf',
    at,
    state,
    createdAt: at,
  };
}

const draftIds = async (store: Store) => {
  const out: string[] = [];
  for await (const a of store.responses.drafts()) out.push(a.id);
  return out;
};

/** The approval page and the drafts gauge read the drafts index, never every answer the ledger holds. */
describe('answers waiting for approval (real Redis)', () => {
  it('lists drafts oldest first as they are written, approved or rejected, by every write path', async () => {
    const store = await open();
    await store.responses.add(answer('b', 'draft', 5));
    await store.responses.add(answer('x', 'approved', 1));
    await store.responses.addMany([answer('a', 'draft', 1), answer('c', 'draft', 9), answer('y', 'approved', 2)]);
    expect(await draftIds(store)).toEqual(['a', 'b', 'c']);

    await store.responses.saveAudited({ ...answer('b', 'approved', 5), approvedBy: 'Kepala' }, AUDIT, new Date());
    await store.responses.save({ ...answer('c', 'rejected', 9), rejectReason: 'kurang lengkap' });
    expect(await draftIds(store)).toEqual(['a']);
    // Each answer stored is in its case's list, drafts too.
    expect((await store.responses.ofCase('c-a')).map((a) => a.id)).toEqual(['a']);
    expect(await r!.redis.zcard(store.keys.draftAnswers())).toBe(1);
  });

  it('builds the index once for answers written before it, and drops an entry whose answer is no draft', async () => {
    const store = await open();
    for (const a of [answer('old1', 'draft', 3), answer('old2', 'approved', 4), answer('old3', 'draft', 1)])
      await r!.redis.hset(store.keys.responses(), a.id, JSON.stringify(a));
    expect(await draftIds(store)).toEqual(['old3', 'old1']);
    // A writer that died between its answer and the index: the entry is dropped when met.
    await r!.redis.hset(store.keys.responses(), 'old1', JSON.stringify(answer('old1', 'approved', 3)));
    expect(await draftIds(store)).toEqual(['old3']);
    expect(await r!.redis.zrange(store.keys.draftAnswers(), 0, -1)).toEqual(['old3']);
  });
});

const AUDIT = { who: 'officer:kepala', what: 'answer_approved', why: 'disetujui', complaintId: 'c-b' };
