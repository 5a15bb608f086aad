import { describe, expect, it } from 'vitest';
import { firstWindow, freshAtStart, halve, nextCursor } from '../../../../src/connectors/open311/window.js';

const ms = (iso: string) => Date.parse(iso);

describe('open311 windows', () => {
  it('is at most `days` wide and never reaches past now', () => {
    const now = new Date('2024-03-10T00:00:00Z');
    expect(firstWindow({ start: '2024-01-01T00:00:00Z', seenRequests: [], seenUpdates: [] }, 30, now)).toEqual({ startMs: ms('2024-01-01T00:00:00Z'), endMs: ms('2024-01-31T00:00:00Z') });
    expect(firstWindow({ start: '2024-03-01T00:00:00Z', seenRequests: [], seenUpdates: [] }, 30, now).endMs).toBe(now.getTime());
  });

  it('halves on whole seconds until one second is left', () => {
    expect(halve({ startMs: 0, endMs: 10_000 })).toEqual({ startMs: 0, endMs: 5000 });
    expect(halve({ startMs: 0, endMs: 3_000 })).toEqual({ startMs: 0, endMs: 1000 });
    expect(halve({ startMs: 0, endMs: 1_500 })).toBeUndefined();
  });

  it('drops what the previous window returned at the shared edge, and remembers the new edge', () => {
    const w = { startMs: ms('2024-01-01T00:00:00Z'), endMs: ms('2024-01-02T00:00:00Z') };
    const items = [
      { id: 'a', ms: w.startMs },
      { id: 'b', ms: w.startMs },
      { id: 'c', ms: w.endMs },
    ];
    expect(freshAtStart(items, w, ['a']).map((i) => i.id)).toEqual(['b', 'c']);
    expect(nextCursor(w, items, [{ id: 'u1', ms: w.endMs }], false, 300)).toEqual({ start: '2024-01-02T00:00:00.000Z', seenRequests: ['c'], seenUpdates: ['u1'] });
  });

  it('once caught up, starts the next pull a little earlier (inclusive overlap)', () => {
    const w = { startMs: ms('2024-01-01T00:00:00Z'), endMs: ms('2024-01-01T01:00:00Z') };
    expect(nextCursor(w, [], [], true, 300)).toEqual({ start: '2024-01-01T00:55:00.000Z', seenRequests: [], seenUpdates: [] });
    expect(nextCursor(w, [], [], true, 0).start).toBe('2024-01-01T01:00:00.000Z');
  });
});
