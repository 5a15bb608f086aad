import { z } from 'zod';

/**
 * Incremental pulls over GeoReport's start_date/end_date, both inclusive. The cursor is
 * the next window's start plus the ids already returned at exactly that instant, so a
 * full pull returns each request once while windows touch at their edges.
 */
export const open311CursorSchema = z.strictObject({
  start: z.string(),
  seenRequests: z.array(z.string()),
  seenUpdates: z.array(z.string()),
});
export type Open311Cursor = z.infer<typeof open311CursorSchema>;

export interface Window {
  startMs: number;
  endMs: number;
}

export function firstWindow(cursor: Open311Cursor, days: number, now: Date): Window {
  const startMs = Date.parse(cursor.start);
  return { startMs, endMs: Math.max(startMs, Math.min(startMs + days * 86_400_000, now.getTime())) };
}

/** A window that hit the server's result cap is halved; below a second there is nothing left to split. */
export function halve(window: Window): Window | undefined {
  const span = window.endMs - window.startMs;
  if (span < 2000) return undefined;
  return { startMs: window.startMs, endMs: window.startMs + Math.floor(span / 2000) * 1000 };
}

export interface Stamped {
  id: string;
  ms: number | undefined;
}

/** Drops what the previous window already returned at the shared edge. */
export function freshAtStart<T extends Stamped>(items: readonly T[], window: Window, seen: readonly string[]): T[] {
  const set = new Set(seen);
  return items.filter((i) => !(i.ms === window.startMs && set.has(i.id)));
}

export function nextCursor(window: Window, requests: readonly Stamped[], updates: readonly Stamped[], caughtUp: boolean, overlapSeconds: number): Open311Cursor {
  const atEnd = (items: readonly Stamped[]) => items.filter((i) => i.ms === window.endMs).map((i) => i.id);
  if (caughtUp && overlapSeconds > 0) {
    const start = Math.max(window.startMs, window.endMs - overlapSeconds * 1000);
    return { start: new Date(start).toISOString(), seenRequests: [], seenUpdates: [] };
  }
  return { start: new Date(window.endMs).toISOString(), seenRequests: atEnd(requests), seenUpdates: atEnd(updates) };
}
