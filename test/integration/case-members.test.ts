import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { mergeCases, splitCase, type CaseDeps } from '../../src/dedup/cases.js';
import type { Complaint } from '../../src/domain/complaint.js';
import { createStore, type Store } from '../../src/store/store.js';
import { LONE_CASE_SETS_DROPPED, loneCaseSets } from '../../src/store/case-members.js';
import { putComplaint, testComplaint } from '../support/complaints.js';
import { testRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis | undefined;
afterEach(async () => {
  await redis?.cleanup();
  redis = undefined;
});

const clock = { now: () => new Date('2026-03-10T00:00:00Z'), sleep: async () => {} };
const created = { who: 'test', what: 'created', why: 'test' };

async function setup(): Promise<{ store: Store; deps: CaseDeps; hasSet: (caseId: string) => Promise<boolean> }> {
  redis = await testRedis('cases');
  const store = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3, reporterSalt: 'salt' });
  const deps: CaseDeps = { ledger: store.ledger, audit: store.audit, sourcesOfSystem: () => [] };
  const r = redis.redis;
  return { store, deps, hasSet: async (caseId) => (await r.exists(store.keys.caseMembers(caseId))) === 1 };
}

const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T02:00:00Z`;
const members = async (store: Store, caseId: string) => (await store.ledger.caseMembers(caseId)).sort();
const pushMembers = async (store: Store, caseId: string) =>
  (await store.pushView(caseId)).members.map((m) => m.id).sort();

describe('case members (real Redis): a case of one complaint has no set', () => {
  it('a lone complaint is its case without a set; the second to join makes the set with both', async () => {
    const { store, hasSet } = await setup();
    const a = testComplaint('lapor', 'a', at(1));
    await putComplaint(store, a);
    expect(await hasSet(a.id)).toBe(false);
    expect(await members(store, a.id)).toEqual([a.id]);
    expect(await pushMembers(store, a.id)).toEqual([a.id]);
    expect((await store.ledger.membersOfCases([a.id])).get(a.id)).toEqual([a.id]);

    // A newer version of the founder still needs no set.
    await store.ledger.transact(a.id, (held) => ({
      complaint: { ...held!, status: 'disposed', version: 2 },
      audit: created,
    }));
    expect(await hasSet(a.id)).toBe(false);

    const b = testComplaint('wadesk', 'b', at(2), { caseId: a.id });
    await putComplaint(store, b);
    expect(await hasSet(a.id)).toBe(true);
    expect(await members(store, a.id)).toEqual([a.id, b.id].sort());
    expect(await pushMembers(store, a.id)).toEqual([a.id, b.id].sort());
    expect(await store.ledger.membersOfAny([a.id, b.id])).toHaveLength(2);
  });

  it('a page that creates a complaint and one joining its case files both', async () => {
    const { store, hasSet } = await setup();
    const a = testComplaint('lapor', 'a', at(1), { version: 1 });
    const b = testComplaint('lapor', 'b', at(1), { caseId: a.id });
    const c = testComplaint('lapor', 'c', at(1));
    const item = (x: Complaint) => ({
      source: x.source,
      externalId: x.externalId,
      write: { complaint: x, audit: created },
    });
    expect(await store.ledger.writePage([item(a), item(b), item(c)])).toEqual([true, true, true]);
    expect(await members(store, a.id)).toEqual([a.id, b.id].sort());
    expect(await hasSet(c.id)).toBe(false);
    expect(await members(store, c.id)).toEqual([c.id]);
    // The rekap reads a case whole only once it has had two complaints.
    expect(await redis!.redis.smembers(store.keys.multiRecordCases())).toEqual([a.id]);
  });

  it('merges and splits keep every case exact, with or without a set', async () => {
    const { store, deps, hasSet } = await setup();
    const [a, b, c] = ['a', 'b', 'c'].map((x, i) => testComplaint('lapor', x, at(i + 1)));
    for (const x of [a!, b!, c!]) await putComplaint(store, x);
    const [into, from] = [a!.id, b!.id].sort() as [string, string];

    await mergeCases(deps, into, [from]);
    expect(await members(store, into)).toEqual([a!.id, b!.id].sort());
    // The merged case's founder now names the other case: its old case has no member.
    expect(await members(store, from)).toEqual([]);
    expect(await pushMembers(store, from)).toEqual([]);
    expect(await hasSet(from)).toBe(false);

    // A third joins by merge; then the one merged in is split out again into a case of its own.
    await mergeCases(deps, into, [c!.id]);
    expect(await members(store, into)).toEqual([a!.id, b!.id, c!.id].sort());
    const split = await splitCase(deps, into, [from], 'operator:test', 'not the same');
    expect(split).toMatchObject({ from: into, into: from, moved: [from] });
    expect(await members(store, from)).toEqual([from]);
    expect(await hasSet(from)).toBe(false);
    expect(await members(store, into)).toEqual([into, c!.id].sort());
    expect((await store.ledger.get(from))!.caseId).toBe(from);
  });

  it("an answer to a lone case changes the rekap's counter of its complaint's hour", async () => {
    const { store } = await setup();
    const a = testComplaint('lapor', 'a', at(3));
    await putComplaint(store, a);
    const hour = String(Math.floor(Date.parse(a.reportedAt) / 3_600_000));
    const counter = () => redis!.redis.hget(store.keys.rekapVersions(), hour);
    const before = Number(await counter());
    await store.rekapSummaries.bumpCases([a.id]);
    expect(Number(await counter())).toBeGreaterThan(before);
  });
});

describe('case sets of an older ledger', () => {
  it('a set that holds its founder alone is dropped once; the case reads the same, a case of two keeps its set', async () => {
    const { store, hasSet } = await setup();
    const r = redis!.redis;
    const [a, b, c] = ['a', 'b', 'c'].map((x, i) => testComplaint('lapor', x, at(i + 1)));
    for (const x of [a!, b!]) await putComplaint(store, x);
    await putComplaint(store, { ...c!, caseId: a!.id });
    // As an older version wrote them: a set for every case.
    await r.sadd(store.keys.caseMembers(b!.id), b!.id);
    await r.del(store.keys.meta(LONE_CASE_SETS_DROPPED));

    await loneCaseSets(r, store.keys).done();
    expect(await hasSet(b!.id)).toBe(false);
    expect(await members(store, b!.id)).toEqual([b!.id]);
    expect(await members(store, a!.id)).toEqual([a!.id, c!.id].sort());
    expect(await r.get(store.keys.meta(LONE_CASE_SETS_DROPPED))).toBe('v1');
  });
});

describe('case members under any sequence of merges and splits', () => {
  type Op = { kind: 'merge'; a: number; b: number } | { kind: 'split'; a: number };
  const N = 6;
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('merge' as const), a: fc.nat(N - 1), b: fc.nat(N - 1) }),
    fc.record({ kind: fc.constant('split' as const), a: fc.nat(N - 1) }),
  );

  it('every case reads exactly the complaints whose documents name it, as a model of the partition says', async () => {
    const { store, deps } = await setup();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        run += 1;
        const ids: string[] = [];
        for (let i = 0; i < N; i++) {
          const c = testComplaint(`run${run}`, String(i), at(i + 1));
          await putComplaint(store, c);
          ids.push(c.id);
        }
        // The model: complaint → case, with the rules the case operations state.
        const caseOf = new Map(ids.map((id) => [id, id]));
        const membersOf = (caseId: string) => ids.filter((id) => caseOf.get(id) === caseId).sort();
        for (const o of ops) {
          const a = ids[o.a]!;
          if (o.kind === 'merge') {
            const [into, from] = [caseOf.get(a)!, caseOf.get(ids[o.b]!)!].sort() as [string, string];
            if (into === from) continue;
            await mergeCases(deps, into, [from]);
            for (const id of membersOf(from)) caseOf.set(id, into);
          } else {
            const caseId = caseOf.get(a)!;
            const all = membersOf(caseId);
            if (all.length < 2) continue;
            const moved = a === caseId ? all.filter((id) => id !== a) : [a];
            await splitCase(deps, caseId, [a], 'operator:test', 'apart');
            for (const id of moved) caseOf.set(id, moved[0]!);
          }
        }
        for (const id of ids) {
          expect((await store.ledger.get(id))!.caseId).toBe(caseOf.get(id));
          expect(await members(store, id)).toEqual(membersOf(id));
          expect(await pushMembers(store, id)).toEqual(membersOf(id));
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('case members while a merge and a join race', () => {
  it('every complaint is a member of the case its document names, whichever runs first', async () => {
    const { store, deps } = await setup();
    for (let round = 0; round < 30; round++) {
      const [x, y, z] = ['x', 'y', 'z'].map((k, i) => testComplaint(`race${round}`, k, at(i + 1)));
      for (const c of [x!, y!]) await putComplaint(store, c);
      const [into, from] = [x!.id, y!.id].sort() as [string, string];
      // Another worker files z into the case being merged away, as it read it a moment before:
      // at once, or a few milliseconds later (the merge under way or done).
      const late = (round % 5) * 2;
      const join = async () => {
        if (late > 0) await new Promise((r) => setTimeout(r, late));
        await putComplaint(store, { ...z!, caseId: from });
      };
      await Promise.all([mergeCases(deps, into, [from]), join()]);
      for (const c of [x!, y!, z!]) {
        const caseId = (await store.ledger.get(c.id))!.caseId;
        expect(await members(store, caseId)).toContain(c.id);
        for (const other of await members(store, caseId))
          expect((await store.ledger.get(other))!.caseId, `${other} in ${caseId}`).toBe(caseId);
      }
    }
  });
});
