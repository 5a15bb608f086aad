import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/domain/clock.js';
import { isConnectorError } from '../../../src/domain/failures.js';
import { LuaScript } from '../../../src/store/lua-script.js';
import { createStore, type Store } from '../../../src/store/store.js';
import { putComplaint, testComplaint } from '../../support/complaints.js';
import { testRedis, type TestRedis } from '../../support/redis.js';

let r: TestRedis | undefined;
afterEach(async () => {
  await r?.cleanup();
  r = undefined;
});

async function open(): Promise<Store> {
  r = await testRedis('pushstore');
  return createStore(r.redis, r.prefix, systemClock, { failingAfter: 3 });
}

const FIELD = 'answer|lapor|501';
const AT = new Date('2026-03-02T03:00:00Z');

describe('the store side of pushing an answer (real Redis)', () => {
  it('a script Redis does not hold yet is sent as text once, then called by its hash', async () => {
    const store = await open();
    const script = new LuaScript(`return {KEYS[1], ARGV[1], '${randomBytes(8).toString('hex')}'}`);
    const first = (await script.run(r!.redis, [`${store.keys.meta('x')}`], ['a'])) as string[];
    const again = (await script.run(r!.redis, [`${store.keys.meta('x')}`], ['a'])) as string[];
    expect(first.slice(0, 2)).toEqual([store.keys.meta('x'), 'a']);
    expect(again).toEqual(first);
  });

  it('"sent" records the state, the echo, the audit entry and the push tally together, from the state as read', async () => {
    const store = await open();
    const before = await store.sendStates.stored('r-1', FIELD);
    const sent = await store.remoteWrites.sent({
      scope: 'r-1',
      field: FIELD,
      remoteId: 'tl-9',
      at: AT,
      before,
      echo: { system: 'lapor', externalId: '501', members: ['id:tl-9'] },
      audit: { who: 'push', what: 'answer_sent', why: 'test', complaintId: 'c-1', detail: { remoteId: 'tl-9' } },
      tally: 'lapor',
    });
    expect(sent).toMatchObject({ state: 'sent', attempts: 1, remoteId: 'tl-9', sentAt: AT.toISOString() });
    expect(await store.pushTally.take('lapor')).toEqual({ pushed: 1, failed: 0 });
    expect(await store.sendStates.get('r-1', FIELD)).toEqual(sent);
    expect(await store.echoes.knows('lapor', '501', ['id:tl-9'])).toBe(true);
    const [entry] = await store.readAudit(1, 'c-1');
    expect(entry?.fields).toMatchObject({ what: 'answer_sent', complaint: 'c-1' });
    expect((await store.readAudit(1))[0]?.id).toBe(entry?.id);
  });

  it('"sent" over a state that changed since it was read decides again from the new one, never overwriting it blind', async () => {
    const store = await open();
    const stale = await store.sendStates.stored('r-2', FIELD);
    // Meanwhile: an attempt failed (another writer of the same state).
    await store.sendStates.failed('r-2', FIELD, 'timeout', AT);
    await store.sendStates.failed('r-2', FIELD, 'timeout', AT);
    const sent = await store.remoteWrites.sent({ scope: 'r-2', field: FIELD, remoteId: 'tl-3', at: AT, before: stale });
    expect(sent).toMatchObject({ state: 'sent', attempts: 3, lastReason: 'timeout', remoteId: 'tl-3' });
    expect(await store.sendStates.get('r-2', FIELD)).toEqual(sent);
  });

  it('the write budget is counted per destination and minute; over it, RATE_LIMITED, the echo remembered all the same', async () => {
    const store = await open();
    const echo = (n: number) => ({ system: 'lapor', externalId: '501', members: [`text:${n}`] });
    await store.remoteWrites.begin({ destination: 'lapor', perMinute: 2, now: AT, echo: echo(1) });
    await store.remoteWrites.begin({ destination: 'lapor', perMinute: 2, now: AT, echo: echo(2) });
    const over = await store.remoteWrites.begin({ destination: 'lapor', perMinute: 2, now: AT, echo: echo(3) }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(isConnectorError(over) && over.code).toBe('RATE_LIMITED');
    expect(isConnectorError(over) && over.retryAfterMs).toBe(60_000);
    expect(await store.echoes.knows('lapor', '501', ['text:3'])).toBe(true);
    // Another destination, and the next minute, have budgets of their own.
    await store.remoteWrites.begin({ destination: 'wadesk', perMinute: 2, now: AT });
    await store.remoteWrites.begin({ destination: 'lapor', perMinute: 2, now: new Date(AT.getTime() + 60_000) });
  });

  it("a spent budget gives each write turned away its own turn, at the budget's pace, before anything is read", async () => {
    const store = await open();
    const waitOf = (now: Date) =>
      store.remoteWrites.awaitTurn({ destination: 'lapor', perMinute: 3, now }).then(
        () => 0,
        (err: unknown) => (isConnectorError(err) && err.code === 'RATE_LIMITED' ? err.retryAfterMs : err),
      );
    // Within the budget nothing is counted: the write counts itself when it begins.
    expect(await waitOf(AT)).toBe(0);
    for (let i = 0; i < 3; i++) await store.remoteWrites.begin({ destination: 'lapor', perMinute: 3, now: AT });
    // Spent: the next seven wait in line, three per minute, 20 s apart within each minute.
    const waits = [];
    for (let i = 0; i < 7; i++) waits.push(await waitOf(new Date(AT.getTime() + 5_000)));
    expect(waits).toEqual([55_000, 75_000, 95_000, 115_000, 135_000, 155_000, 175_000]);
    // A write turned away by begin itself takes the next place in the same line.
    const begun = await store.remoteWrites.begin({ destination: 'lapor', perMinute: 3, now: AT }).then(
      () => 0,
      (err: unknown) => (isConnectorError(err) ? err.retryAfterMs : err),
    );
    expect(begun).toBe(200_000);
    // The next minute's budget is its own.
    expect(await waitOf(new Date(AT.getTime() + 60_000))).toBe(0);
  });

  it('reads a case for pushing in one call: members with documents and send states, answers with their state at the field, records asked', async () => {
    const store = await open();
    const a = testComplaint('lapor', '501', '2026-03-01T01:00:00Z', { rahasia: true });
    const b = testComplaint('wadesk', 'w-7', '2026-03-01T02:00:00Z', { caseId: a.caseId });
    await putComplaint(store, a);
    await putComplaint(store, b);
    const answer = (id: string, at: string) => ({
      id,
      caseId: a.caseId,
      complaintId: a.id,
      text: `jawaban ${id}`,
      by: 'Petugas',
      at,
      state: 'approved' as const,
      createdAt: at,
    });
    await store.responses.add(answer('r-late', '2026-03-02T00:00:00Z'));
    await store.responses.add(answer('r-early', '2026-03-01T05:00:00Z'));
    await store.sendStates.sent('r-early', FIELD, 'tl-1', AT);
    await store.sendStates.sent(b.id, 'forward|lapor', '777', AT);

    const view = await store.pushView(a.caseId, { field: FIELD, complaints: [a.id, 'c-none'] });
    expect(view.members.map((m) => m.id).sort()).toEqual([a.id, b.id].sort());
    expect(view.members.find((m) => m.id === a.id)?.complaint).toEqual(a);
    expect(view.members.find((m) => m.id === b.id)?.sendStates['forward|lapor']).toMatchObject({ remoteId: '777' });
    expect(view.answers.map((x) => [x.response.id, x.state.state?.state ?? null])).toEqual([
      ['r-early', 'sent'],
      ['r-late', null],
    ]);
    expect(view.answers[0]!.state.raw).toBe(JSON.stringify(await store.sendStates.get('r-early', FIELD)));
    expect(view.complaints.get(a.id)).toEqual(a);
    expect(view.complaints.get('c-none')).toBeUndefined();
    expect([...view.complaints.keys()]).toEqual([a.id, 'c-none']);

    // With the record's lease taken in the same call: the same view; a second taker gets none
    // until the first releases it.
    const asked = { field: FIELD, complaints: [a.id, 'c-none'], lease: 'record:lapor:501', ttlMs: 5_000 };
    const leased = await store.leasedPushView(a.caseId, asked);
    expect(leased?.view).toEqual(view);
    expect(await store.lockRemainingMs('record:lapor:501')).toBeGreaterThan(0);
    expect(await store.leasedPushView(a.caseId, asked)).toBeUndefined();
    expect(await store.lock('record:lapor:501', 5_000)).toBeUndefined();
    await leased!.lease.release();
    expect(await store.lockRemainingMs('record:lapor:501')).toBe(0);
    const again = await store.leasedPushView(a.caseId, asked);
    expect(again?.view).toEqual(view);
    await again!.lease.release();
  });

  it('"sent" under a lease frees it in the same call, and only while the lease is still its own', async () => {
    const store = await open();
    const b = testComplaint('lapor', '502', '2026-03-01T01:00:00Z');
    await putComplaint(store, b);
    const asked = { field: FIELD, lease: 'record:lapor:502', ttlMs: 5_000 };
    const leased = (await store.leasedPushView(b.caseId, asked))!;
    // Another token (a lease that expired and was taken by another writer) is left alone.
    const release = { key: leased.lease.key, token: 'not-ours' };
    await store.remoteWrites.sent({ scope: 'r-5', field: FIELD, remoteId: 'tl-5', at: AT, release });
    expect(await store.lockRemainingMs('record:lapor:502')).toBeGreaterThan(0);
    // With everything else "sent" records beside it.
    await store.remoteWrites.sent({
      scope: 'r-6',
      field: FIELD,
      remoteId: 'tl-6',
      at: AT,
      echo: { system: 'lapor', externalId: '502', members: ['id:tl-6'] },
      audit: { who: 'push', what: 'answer_sent', why: 'test', complaintId: b.id },
      tally: 'lapor',
      release: leased.lease,
    });
    expect(await store.lockRemainingMs('record:lapor:502')).toBe(0);
    expect(await store.sendStates.get('r-6', FIELD)).toMatchObject({ state: 'sent', remoteId: 'tl-6' });
    expect(await store.echoes.knows('lapor', '502', ['id:tl-6'])).toBe(true);
    expect(await store.pushTally.take('lapor')).toEqual({ pushed: 1, failed: 0 });
    expect((await store.readAudit(1, b.id))[0]?.fields).toMatchObject({ what: 'answer_sent' });
    leased.lease.releasedElsewhere();
    expect(leased.lease.held()).toBe(false);
  });

  it('an approval is saved with its audit entry and its case read after it, in one call', async () => {
    const store = await open();
    const a = testComplaint('lapor', '503', '2026-03-01T01:00:00Z');
    await putComplaint(store, a);
    const draft = {
      id: 'r-9',
      caseId: a.caseId,
      complaintId: a.id,
      text: 'jawaban',
      by: 'Petugas',
      at: '2026-03-01T05:00:00Z',
      state: 'draft' as const,
      createdAt: '2026-03-01T05:00:00Z',
    };
    await store.responses.add(draft);
    const approved = { ...draft, state: 'approved' as const, approvedBy: 'kepala', approvedAt: AT.toISOString() };
    const audit = { who: 'officer:kepala', what: 'answer_approved', why: 'test', complaintId: a.id };
    const view = await store.saveAnswerThenPushView(approved, audit, AT);
    expect(view).toEqual(await store.pushView(a.caseId));
    expect(view.answers.map((x) => [x.response.id, x.response.state])).toEqual([['r-9', 'approved']]);
    expect(view.members.map((m) => m.complaint)).toEqual([a]);
    expect(await store.responses.get('r-9')).toEqual(approved);
    expect((await store.readAudit(1, a.id))[0]?.fields).toMatchObject({ what: 'answer_approved' });
    expect(await r!.redis.zcard(store.keys.draftAnswers())).toBe(0);
  });
});
