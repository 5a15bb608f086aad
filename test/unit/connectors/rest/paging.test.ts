import { describe, expect, it } from 'vitest';
import { pagingSchema } from '../../../../src/connectors/rest/config-paging.js';
import {
  advance,
  requestParams,
  UNREADABLE_REREADS,
  unseen,
  type ItemKey,
} from '../../../../src/connectors/rest/paging.js';

const t = (s: string) => Date.parse(`2024-05-01T${s}Z`);
/** Items as listed; `v` stands for their content's digest (the same content unless a test changes it). */
const keys = (...items: [string, string][]): ItemKey[] => items.map(([id, time]) => ({ id, ms: t(time), digest: 'v' }));

describe('page style', () => {
  const paging = pagingSchema.parse({ style: 'page', pageSize: 2, sinceParam: 'updatedSince', overlapSeconds: 60 });

  it('asks the first page, then the next while pages are full', () => {
    expect(requestParams(paging, {})).toEqual({ limit: 2, page: 1 });
    const step = advance(paging, {}, keys(['a', '10:00:00'], ['b', '10:05:00']), {}, 's');
    expect(step).toMatchObject({ next: { page: 2, hw: t('10:05:00') }, done: false });
    expect(step.next.ids).toHaveLength(2);
  });

  it('ends the pass on a short page and starts the next pass from the newest change minus the overlap', () => {
    const step = advance(paging, { page: 2, hw: t('10:05:00') }, keys(['c', '10:07:00']), {}, 's');
    expect(step).toEqual({ next: { since: '2024-05-01T10:06:00.000Z', seen: [`c@${t('10:07:00')}#v`] }, done: true });
    expect(requestParams(paging, step.next)).toEqual({ limit: 2, page: 1, updatedSince: '2024-05-01T10:06:00.000Z' });
  });

  it('reads the overlap again but returns (and enriches) only what changed in it', () => {
    const state = { since: '2024-05-01T10:06:00.000Z', seen: [`c@${t('10:07:00')}#v`] };
    expect(unseen(paging, state, keys(['c', '10:07:00'], ['d', '10:08:00']))).toEqual([1]);
    expect(unseen(paging, state, keys(['c', '10:09:00']))).toEqual([0]);
  });

  it('never moves the since of a pass backwards', () => {
    const step = advance(paging, { since: '2024-05-01T10:06:30.000Z' }, keys(['c', '10:07:00']), {}, 's');
    expect(step.next.since).toBe('2024-05-01T10:06:30.000Z');
  });

  it('trusts totalPages over page fullness', () => {
    const withTotal = pagingSchema.parse({ style: 'page', pageSize: 2, totalPagesPath: 'pagination.totalPages' });
    expect(
      advance(
        withTotal,
        { page: 1 },
        keys(['a', '10:00:00'], ['b', '10:00:00']),
        { pagination: { totalPages: 1 } },
        's',
      ),
    ).toEqual({ next: { page: 1 }, done: true });
  });

  it('without a change filter re-reads the last page next time (appends become visible)', () => {
    const plain = pagingSchema.parse({ style: 'page', pageSize: 2 });
    expect(advance(plain, { page: 3 }, keys(['e', '10:00:00']), {}, 's')).toEqual({ next: { page: 3 }, done: true });
  });
});

describe('offset style', () => {
  const paging = pagingSchema.parse({ style: 'offset', offsetParam: 'skip', sizeParam: 'take', pageSize: 2 });
  it('moves by the number of items and resumes at the end when no change filter exists', () => {
    expect(requestParams(paging, { offset: 4 })).toEqual({ take: 2, skip: 4 });
    expect(advance(paging, { offset: 4 }, keys(['a', '10:00:00'], ['b', '10:00:00']), {}, 's').next.offset).toBe(6);
    expect(advance(paging, { offset: 6 }, keys(['c', '10:00:00']), {}, 's')).toEqual({
      next: { offset: 7 },
      done: true,
    });
  });
  it('stops on an empty page even when a total claims more', () => {
    const withTotal = pagingSchema.parse({ style: 'offset', pageSize: 2, totalPath: 'total' });
    expect(advance(withTotal, { offset: 4 }, [], { total: 10 }, 's').done).toBe(true);
  });
});

describe('cursor style', () => {
  const paging = pagingSchema.parse({ style: 'cursor', nextCursorPath: 'meta.next_cursor', pageSize: 2 });
  it.each([
    ['a next cursor', { token: 'p1' }, 2, { meta: { next_cursor: 'p2' } }, { next: { token: 'p2' }, done: false }],
    [
      'no next cursor: ask the same position again, remembering what it returned',
      { token: 'p2' },
      1,
      { meta: { next_cursor: null } },
      { next: { token: 'p2', seen: [`k0@${t('10:00:00')}#v`] }, done: true },
    ],
    [
      'no cursor at all on the first page',
      {},
      1,
      { meta: {} },
      { next: { seen: [`k0@${t('10:00:00')}#v`] }, done: true },
    ],
    [
      'a token but no items',
      { token: 'p2' },
      0,
      { meta: { next_cursor: 'p3' } },
      { next: { token: 'p3' }, done: true },
    ],
    [
      'the same cursor again',
      { token: 'p2' },
      2,
      { meta: { next_cursor: 'p2' } },
      { next: { token: 'p2', seen: [`k0@${t('10:00:00')}#v`, `k1@${t('10:00:00')}#v`] }, done: true },
    ],
  ])('%s', (_label, state, count, body, expected) => {
    const items = keys(...(Array.from({ length: count }, (_v, i) => [`k${i}`, '10:00:00']) as [string, string][]));
    expect(advance(paging, state, items, body, 's')).toEqual(expected);
  });
});

describe('cursor style, the last page asked again', () => {
  const paging = pagingSchema.parse({ style: 'cursor', nextCursorPath: 'meta.next_cursor', pageSize: 3 });
  it('returns only the records that changed since the pass ended on it (so only those are enriched)', () => {
    const state = { token: 'p2', seen: [`a@${t('10:00:00')}#v`, `b@${t('10:01:00')}#v`] };
    // b changed (a newer change time), c is new, a is as it was.
    expect(unseen(paging, state, keys(['a', '10:00:00'], ['b', '10:02:00'], ['c', '10:03:00']))).toEqual([1, 2]);
  });
  it('returns a record changed again within its change time (whole seconds): its content tells', () => {
    const state = { token: 'p2', seen: [`a@${t('10:00:00')}#v`] };
    expect(unseen(paging, state, [{ id: 'a', ms: t('10:00:00'), digest: 'w' }])).toEqual([0]);
  });
  it('returns a record without a change time every time: nothing tells whether it changed', () => {
    expect(unseen(paging, { seen: [`a@${t('10:00:00')}#v`] }, [{ id: 'a' }])).toEqual([0]);
  });
});

describe('timestamp style', () => {
  const paging = pagingSchema.parse({ style: 'timestamp', sinceParam: 'updatedAfter', sizeParam: 'take', pageSize: 3 });

  it('continues from the newest time of a full page, remembering the ids at that instant', () => {
    const step = advance(paging, {}, keys(['a', '10:00:00'], ['b', '10:01:00'], ['c', '10:01:00']), {}, 's');
    expect(step).toEqual({ next: { since: '2024-05-01T10:01:00.000Z', seen: ['b#v', 'c#v'] }, done: false });
  });

  it('skips the ids it already returned at the boundary, so a full pull returns each record once', () => {
    const state = { since: '2024-05-01T10:01:00.000Z', seen: ['b#v', 'c#v'] };
    const page = keys(['b', '10:01:00'], ['c', '10:01:00'], ['d', '10:02:00']);
    expect(unseen(paging, state, page)).toEqual([2]);
    expect(advance(paging, state, page, {}, 's').next).toEqual({ since: '2024-05-01T10:02:00.000Z', seen: ['d#v'] });
    const shortPage = keys(['c', '10:01:00'], ['e', '10:01:00']);
    expect(advance(paging, state, shortPage, {}, 's').next.seen).toEqual(['b#v', 'c#v', 'e#v']);
  });

  it('returns a record at the boundary again when it changed within that instant (same time, other content)', () => {
    const state = { since: '2024-05-01T10:01:00.000Z', seen: ['b#v', 'c#v'] };
    const page: ItemKey[] = [...keys(['b', '10:01:00']), { id: 'c', ms: t('10:01:00'), digest: 'w' }];
    expect(unseen(paging, state, page)).toEqual([1]);
  });

  it('refuses to loop when a whole page shares the boundary time', () => {
    const state = { since: '2024-05-01T10:01:00.000Z', seen: ['b#v'] };
    expect(() =>
      advance(paging, state, keys(['b', '10:01:00'], ['c', '10:01:00'], ['d', '10:01:00']), {}, 's'),
    ).toThrow(/share the change time/);
  });

  it('asks again from just before a record without a readable id, taking only the items before it', () => {
    const page: ItemKey[] = [...keys(['a', '10:00:00'], ['b', '10:01:00']), {}];
    const step = advance(paging, { since: '2024-05-01T09:59:00.000Z' }, page, {}, 's');
    expect(step).toMatchObject({
      next: { since: '2024-05-01T10:01:00.000Z', seen: ['b#v'], rereads: 1 },
      done: false,
      upTo: 2,
    });
    // First of the page, at the boundary: the same request again, what it returned before skipped.
    const state = { since: '2024-05-01T10:01:00.000Z', seen: ['b#v'], rereads: 1 };
    expect(advance(paging, state, [{}, ...keys(['c', '10:02:00'])], {}, 's')).toMatchObject({
      next: { ...state, rereads: 2 },
      upTo: 0,
    });
    expect(advance(paging, state, [...keys(['c', '10:01:00']), {}], {}, 's').next).toEqual({
      since: state.since,
      seen: ['b#v', 'c#v'],
      rereads: 2,
    });
  });

  it('passes a record served without an id every time after a few tries', () => {
    const state = { since: '2024-05-01T10:00:00.000Z', rereads: UNREADABLE_REREADS };
    const step = advance(paging, state, [...keys(['a', '10:00:00']), {}], {}, 's');
    expect(step).toEqual({ next: { since: '2024-05-01T10:00:00.000Z', seen: ['a#v'] }, done: true });
  });

  it('keeps its position when nothing new came', () => {
    const state = { since: '2024-05-01T10:01:00.000Z', seen: ['b#v'] };
    expect(advance(paging, state, [], {}, 's')).toEqual({ next: state, done: true });
  });

  it('with an overlap, the next pass starts a little earlier (inclusive re-read)', () => {
    const overlapping = pagingSchema.parse({ style: 'timestamp', sinceParam: 'u', pageSize: 3, overlapSeconds: 30 });
    expect(advance(overlapping, { since: '2024-05-01T09:00:00.000Z' }, keys(['a', '10:00:00']), {}, 's')).toEqual({
      next: { since: '2024-05-01T09:59:30.000Z', seen: [`a@${t('10:00:00')}#v`] },
      done: true,
    });
  });

  it('reads the overlap again but returns (and enriches) only what is new or changed in it', () => {
    const overlapping = pagingSchema.parse({ style: 'timestamp', sinceParam: 'u', pageSize: 3, overlapSeconds: 30 });
    const end = advance(
      overlapping,
      { since: '2024-05-01T09:00:00.000Z' },
      keys(['z', '09:59:00'], ['a', '10:00:00']),
      {},
      's',
    );
    // Only what lies in the next pass's window is remembered.
    expect(end.next).toEqual({ since: '2024-05-01T09:59:30.000Z', seen: [`a@${t('10:00:00')}#v`] });
    // An idle pass: the same version again, nothing returned, and the position holds.
    expect(unseen(overlapping, end.next, keys(['a', '10:00:00']))).toEqual([]);
    expect(advance(overlapping, end.next, keys(['a', '10:00:00']), {}, 's')).toEqual(end);
    // Changed within the same second, changed later, or a late record stamped inside the window: returned.
    const changed: ItemKey[] = [{ id: 'a', ms: t('10:00:00'), digest: 'w' }];
    expect(unseen(overlapping, end.next, changed)).toEqual([0]);
    expect(unseen(overlapping, end.next, keys(['a', '10:00:05'], ['b', '09:59:45']))).toEqual([0, 1]);
  });

  it.each([
    ['epoch-seconds', '1714557600'],
    ['epoch-ms', '1714557600000'],
    ['iso', '2024-05-01T10:00:00.000Z'],
  ] as const)('sends since as %s', (sinceFormat, value) => {
    const p = pagingSchema.parse({ style: 'timestamp', sinceParam: 'since', sinceFormat });
    expect(requestParams(p, { since: '2024-05-01T10:00:00.000Z' }).since).toBe(value);
  });
});

describe('completeness checks of a page-number pass', () => {
  const paging = pagingSchema.parse({
    style: 'page',
    pageSize: 2,
    sinceParam: 'updatedSince',
    overlapSeconds: 60,
    totalPath: 'total',
  });
  const since = '2024-05-01T09:00:00.000Z';

  it('a record met twice in a pass (the list shifted) makes the next pass read the same window again', () => {
    const first = advance(paging, { since }, keys(['a', '10:00:00'], ['b', '10:01:00']), { total: 4 }, 's');
    // "a" was edited meanwhile: it moved to the end, "c" moved up into page 1 and was never served.
    const second = advance(paging, first.next, keys(['d', '10:03:00'], ['a', '10:09:00']), { total: 4 }, 's');
    expect(second.next.shifted).toBe(true);
    const end = advance(paging, second.next, [], { total: 4 }, 's');
    expect(end).toEqual({
      next: { since, rereads: 1 },
      done: true,
      reread: { passes: 1, reason: 'a record came twice in this pass' },
    });
    expect(requestParams(paging, end.next)).toEqual({ limit: 2, page: 1, updatedSince: since });
  });

  it('fewer distinct records than the list declares makes the pass read again (count check)', () => {
    const first = advance(paging, { since }, keys(['a', '10:00:00'], ['b', '10:01:00']), { total: 3 }, 's');
    const end = advance(paging, first.next, [], { total: 3 }, 's');
    expect(end.reread?.reason).toBe('the list declares 3 records, this pass met 2');
    expect(end.next.since).toBe(since);
  });

  it('a consistent pass moves the window on and forgets the re-reads', () => {
    const first = advance(paging, { since, rereads: 2 }, keys(['a', '10:00:00'], ['b', '10:01:00']), { total: 3 }, 's');
    const end = advance(paging, first.next, keys(['c', '10:02:00']), { total: 3 }, 's');
    expect(end).toMatchObject({ next: { since: '2024-05-01T10:01:00.000Z' }, done: true });
    expect(end.next.rereads).toBeUndefined();
  });
});

describe('a source that ignores paging', () => {
  it('the same page for the next position is asked once more, then stopped with a clear error', () => {
    const paging = pagingSchema.parse({ style: 'page', pageSize: 2 });
    const page = keys(['a', '10:00:00'], ['b', '10:01:00']);
    const first = advance(paging, {}, page, {}, 's');
    const again = advance(paging, first.next, page, {}, 's');
    expect(again).toMatchObject({ next: { page: 2, repeated: true }, done: false });
    expect(() => advance(paging, again.next, page, {}, 'wadesk')).toThrow(
      /wadesk: the list answered the same page for the next position twice: it ignores the "page" parameter/,
    );
  });

  it('a timestamp list that answers older records than asked is stopped', () => {
    const paging = pagingSchema.parse({ style: 'timestamp', sinceParam: 'updatedAfter', pageSize: 2 });
    expect(() => advance(paging, { since: '2024-05-01T10:05:00.000Z' }, keys(['a', '10:00:00']), {}, 's')).toThrow(
      /ignores the "updatedAfter" parameter/,
    );
  });

  it('a timestamp list with a page parameter pages through a bulk sharing one change time', () => {
    const paging = pagingSchema.parse({ style: 'timestamp', sinceParam: 'u', pageParam: 'page', pageSize: 2 });
    const state = { since: '2024-05-01T10:01:00.000Z', seen: ['a#v'] };
    const step = advance(paging, state, keys(['b', '10:01:00'], ['c', '10:01:00']), {}, 's');
    expect(step).toEqual({ next: { since: state.since, seen: ['a#v', 'b#v', 'c#v'], page: 2 }, done: false });
    expect(requestParams(paging, step.next)).toEqual({ limit: 2, u: state.since, page: 2 });
    const past = advance(paging, step.next, keys(['d', '10:01:00'], ['e', '10:02:00']), {}, 's');
    expect(past).toEqual({ next: { since: '2024-05-01T10:02:00.000Z', seen: ['e#v'] }, done: false });
  });
});
