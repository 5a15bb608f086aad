import { z } from 'zod';
import { seenForNext, skewedStart, type Versioned } from '../common/skew.js';

/**
 * Incremental pulls over GeoReport's start_date/end_date, both inclusive. Each window
 * starts `overlapSeconds` before the previous one ended (late writes, clock skew); the
 * cursor carries the id@version of everything the overlap will bring again, so a full pull
 * returns each version of a request once.
 */
export const open311CursorSchema = z
  .object({
    start: z.string(),
    seen: z.array(z.string()).optional(),
    // Cursors saved before the overlap kept ids seen at the start instant; they re-read those once.
    seenRequests: z.array(z.string()).optional(),
    seenUpdates: z.array(z.string()).optional(),
  })
  .transform(({ start, seen }) => ({ start, seen: seen ?? [] }));
export type Open311Cursor = z.output<typeof open311CursorSchema>;

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

/** GeoReport's W3C datetime: seconds precision, UTC. Servers refuse milliseconds ("…00.000Z"). */
export function w3c(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.000Z$/, 'Z');
}

export function inWindow(ms: number | undefined, window: Window): boolean {
  return ms === undefined || (ms >= window.startMs && ms <= window.endMs);
}

export function nextCursor(window: Window, items: readonly Versioned[], skewSeconds: number): Open311Cursor {
  const start = skewedStart(window, skewSeconds * 1000);
  return { start: new Date(start).toISOString(), seen: seenForNext(items, start, window.endMs) };
}
