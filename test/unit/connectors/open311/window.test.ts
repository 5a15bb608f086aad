import { describe, expect, it } from 'vitest';
import { seenForNext, skewedStart, unseen } from '../../../../src/connectors/common/skew.js';
import {
  firstWindow,
  halve,
  nextPosition,
  nextStart,
  open311CursorSchema,
  w3c,
} from '../../../../src/connectors/open311/window.js';

const ms = (iso: string) => Date.parse(iso);

describe('open311 windows', () => {
  it('is at most `days` wide and never reaches past now', () => {
    const now = new Date('2024-03-10T00:00:00Z');
    expect(firstWindow('2024-01-01T00:00:00Z', 30, now)).toEqual({
      startMs: ms('2024-01-01T00:00:00Z'),
      endMs: ms('2024-01-31T00:00:00Z'),
    });
    expect(firstWindow('2024-03-01T00:00:00Z', 30, now).endMs).toBe(now.getTime());
  });

  it('halves on whole seconds until one second is left', () => {
    expect(halve({ startMs: 0, endMs: 10_000 })).toEqual({ startMs: 0, endMs: 5000 });
    expect(halve({ startMs: 0, endMs: 3_000 })).toEqual({ startMs: 0, endMs: 1000 });
    expect(halve({ startMs: 0, endMs: 1_500 })).toBeUndefined();
  });

  it('writes W3C datetimes to the second, as GeoReport servers demand', () => {
    expect(w3c(ms('2024-01-01T17:00:00.999Z'))).toBe('2024-01-01T17:00:00Z');
    expect(w3c(ms('2024-01-01T17:00:00Z'))).not.toMatch(/\.\d/);
  });

  it('starts each window the skew margin early and remembers id@version of what the overlap re-reads', () => {
    const w = { startMs: ms('2024-01-01T00:00:00Z'), endMs: ms('2024-01-02T00:00:00Z') };
    const items = [
      { id: 'a', version: 'v1', ms: ms('2024-01-01T12:00:00Z') },
      { id: 'b', version: 'v1', ms: ms('2024-01-01T23:58:00Z') },
      { id: 'update:9', version: 'v1', ms: w.endMs },
    ];
    expect(nextPosition(w, items, 300, false)).toEqual({
      start: '2024-01-01T23:55:00.000Z',
      seen: ['b@v1', 'update:9@v1'],
    });
    expect(nextPosition(w, items, 0, false)).toEqual({ start: '2024-01-02T00:00:00.000Z', seen: ['update:9@v1'] });
  });

  it('drops the same version again, keeps a new version of the same id', () => {
    const next = [
      { id: 'b', version: 'v1', ms: 1 },
      { id: 'b', version: 'v2', ms: 1 },
      { id: 'c', version: 'v1', ms: 1 },
    ];
    expect(unseen(next, ['b@v1']).map((i) => `${i.id}@${i.version}`)).toEqual(['b@v2', 'c@v1']);
  });

  it('always moves past the middle of a narrow (split) window, whatever the margin', () => {
    expect(skewedStart({ startMs: 0, endMs: 4000 }, 300_000)).toBe(2000);
    expect(skewedStart({ startMs: 0, endMs: 1000 }, 300_000)).toBe(1000);
    expect(skewedStart({ startMs: 5000, endMs: 5000 }, 300_000)).toBe(5000);
    expect(seenForNext([{ id: 'x', version: '1', ms: undefined }], 0, 10)).toEqual([]);
  });

  it('at the live edge moves only as far as the newest record the answer showed: an empty or stale answer does not pass what it did not show', () => {
    const w = { startMs: ms('2024-01-01T00:00:00Z'), endMs: ms('2024-01-02T00:00:00Z') };
    // Empty: a stale cached list cannot be told from a quiet day; the next poll asks again from here.
    expect(nextStart(w, [], 300, true)).toBe(w.startMs);
    expect(nextStart(w, [], 300, false)).toBe(ms('2024-01-01T23:55:00Z'));
    const shown = [
      { id: 'a', version: 'v1', ms: ms('2024-01-01T06:00:00Z') },
      { id: 'b', version: 'v1', ms: undefined },
    ];
    expect(nextStart(w, shown, 300, true)).toBe(ms('2024-01-01T05:55:00Z'));
    // Never behind the window's own start, never past the margin before its end.
    expect(nextStart(w, [{ id: 'c', version: 'v1', ms: w.startMs + 1000 }], 300, true)).toBe(w.startMs);
    expect(nextStart(w, [{ id: 'd', version: 'v1', ms: w.endMs }], 300, true)).toBe(ms('2024-01-01T23:55:00Z'));
  });

  it('reads cursors saved before each list had its own start as both lists starting there', () => {
    expect(open311CursorSchema.parse({ start: '2024-01-01T00:00:00.000Z', seen: ['a@1'] })).toEqual({
      start: '2024-01-01T00:00:00.000Z',
      updatesStart: '2024-01-01T00:00:00.000Z',
      seen: ['a@1'],
    });
  });

  it('reads cursors saved before the skew margin (ids at the start instant) as a plain start', () => {
    expect(
      open311CursorSchema.parse({ start: '2024-01-01T00:00:00.000Z', seenRequests: ['1'], seenUpdates: [] }),
    ).toEqual({ start: '2024-01-01T00:00:00.000Z', updatesStart: '2024-01-01T00:00:00.000Z', seen: [] });
  });
});
