import { z } from 'zod';
import { seenForNext, skewedStart, type Versioned } from '../common/skew.js';

/**
 * Incremental pulls over GeoReport's start_date/end_date, both inclusive, one position per
 * list (requests by `requested_datetime`, updates by `updated_datetime`). Each window starts
 * `overlapSeconds` before the previous one ended (late writes, clock skew); the cursor
 * carries the id@version of everything the overlap will bring again, so a full pull returns
 * each version of a request once.
 */
export const open311CursorSchema = z
  .object({
    start: z.string(),
    // Cursors saved before each list had its own position read the updates from `start`.
    updatesStart: z.string().optional(),
    seen: z.array(z.string()).optional(),
    // Cursors saved before the overlap kept ids seen at the start instant; they re-read those once.
    seenRequests: z.array(z.string()).optional(),
    seenUpdates: z.array(z.string()).optional(),
  })
  .transform(({ start, updatesStart, seen }) => ({ start, updatesStart: updatesStart ?? start, seen: seen ?? [] }));
export type Open311Cursor = z.output<typeof open311CursorSchema>;

export interface Window {
  startMs: number;
  endMs: number;
}

export function firstWindow(startIso: string, days: number, now: Date): Window {
  const startMs = Date.parse(startIso);
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

/**
 * Where a list's next window starts. A window in the past is passed (less the overlap): its
 * answer was checked to be this window's (see window-read.ts). A window that reaches the
 * source's "now" is passed only as far as the newest record its answer showed (less the
 * overlap): an answer there may be stale — a cache, a lagging replica, another query's list,
 * empty above all — and cannot be told from a true one, so what it did not show is read again
 * by the next poll, never skipped.
 */
export function nextStart(window: Window, items: readonly Versioned[], overlapSeconds: number, live: boolean): number {
  const passed = skewedStart(window, overlapSeconds * 1000);
  if (!live) return passed;
  const shown = items.flatMap((i) => (i.ms !== undefined && inWindow(i.ms, window) ? [i.ms] : []));
  if (shown.length === 0) return window.startMs;
  return Math.max(window.startMs, Math.min(passed, Math.max(...shown) - overlapSeconds * 1000));
}

/** One list's part of the next cursor: its start, and the versions its next window will read again. */
export function nextPosition(
  window: Window,
  items: readonly Versioned[],
  overlapSeconds: number,
  live: boolean,
): { start: string; seen: string[] } {
  const start = nextStart(window, items, overlapSeconds, live);
  return { start: new Date(start).toISOString(), seen: seenForNext(items, start, window.endMs) };
}
