import { describe, expect, it } from 'vitest';
import { seenForNext, skewedStart, unseen } from '../../../../src/connectors/common/skew.js';
import { firstWindow, halve, nextCursor, open311CursorSchema, w3c } from '../../../../src/connectors/open311/window.js';

const ms = (iso: string) => Date.parse(iso);

describe('open311 windows', () => {
  it('is at most `days` wide and never reaches past now', () => {
    const now = new Date('2024-03-10T00:00:00Z');
    expect(firstWindow({ start: '2024-01-01T00:00:00Z', seen: [] }, 30, now)).toEqual({
      startMs: ms('2024-01-01T00:00:00Z'),
      endMs: ms('2024-01-31T00:00:00Z'),
    });
    expect(firstWindow({ start: '2024-03-01T00:00:00Z', seen: [] }, 30, now).endMs).toBe(now.getTime());
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
    expect(nextCursor(w, items, 300)).toEqual({ start: '2024-01-01T23:55:00.000Z', seen: ['b@v1', 'update:9@v1'] });
    expect(nextCursor(w, items, 0)).toEqual({ start: '2024-01-02T00:00:00.000Z', seen: ['update:9@v1'] });
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

  it('reads cursors saved before the skew margin (ids at the start instant) as a plain start', () => {
    expect(
      open311CursorSchema.parse({ start: '2024-01-01T00:00:00.000Z', seenRequests: ['1'], seenUpdates: [] }),
    ).toEqual({ start: '2024-01-01T00:00:00.000Z', seen: [] });
  });
});
