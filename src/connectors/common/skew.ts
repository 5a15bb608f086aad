/**
 * Time windows that overlap by a skew margin, for any source read by "changed between A
 * and B". A record written late (a slow transaction, a server clock behind ours) lands
 * just before the previous end; starting each window `skewMs` earlier picks it up. What
 * the overlap brings again is dropped by id + version, so an unchanged record is returned
 * once and a changed one (a new version) again.
 */
export interface Versioned {
  id: string;
  /** The record's own change time or version; any string that changes when the record does. */
  version: string;
  /** The time the window is selected on (undefined when unreadable: never remembered). */
  ms: number | undefined;
}

export const versionKey = (item: Pick<Versioned, 'id' | 'version'>): string => `${item.id}@${item.version}`;

/**
 * The next window's start: `skewMs` before this window's end, but always past the middle of
 * this window, so a narrow window (split because the server caps answers) still moves on.
 */
export function skewedStart(window: { startMs: number; endMs: number }, skewMs: number): number {
  const span = window.endMs - window.startMs;
  if (span <= 0) return window.endMs;
  return Math.max(window.endMs - skewMs, window.startMs + Math.ceil(span / 2 / 1000) * 1000);
}

/** Drops what an earlier, overlapping window returned in the same version. */
export function unseen<T extends Versioned>(items: readonly T[], seen: readonly string[]): T[] {
  const set = new Set(seen);
  return items.filter((i) => !set.has(versionKey(i)));
}

/** The versions the next window will read again (those at or after its start): what it must drop. */
export function seenForNext(items: readonly Versioned[], nextStartMs: number, endMs: number): string[] {
  return [...new Set(items.filter((i) => i.ms !== undefined && i.ms >= nextStartMs && i.ms <= endMs).map(versionKey))];
}
