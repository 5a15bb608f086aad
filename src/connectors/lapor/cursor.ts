import { z } from 'zod';
import { ConnectorError } from '../../domain/failures.js';
import type { Position } from './map.js';

/**
 * The pull cursor, opaque to everyone else (base64url JSON):
 * - `t`/`id`: the furthest list position delivered so far (inclusive cursor);
 * - `seen`: "id@time" of versions delivered within the look-back window, so the overlap and
 *   a page served twice do not deliver them again;
 * - `until`: present while a pull run is under way; the run's upper bound on activity time;
 * - `read`: while a run is under way, the list position of the last record its pages served
 *   (delivered or skipped): the next page continues from there. It lags `t`/`id` while the
 *   run reads the look-back window, which LAPOR may cut at its own page limit.
 */
export const SEEN_LIMIT = 2000;

const cursorSchema = z.strictObject({
  v: z.literal(1),
  t: z.number().int().nonnegative().optional(),
  id: z.string().min(1).optional(),
  seen: z.array(z.string()).default([]),
  until: z.number().int().nonnegative().optional(),
  read: z.strictObject({ t: z.number().int().nonnegative(), id: z.string().min(1) }).optional(),
});
export type CursorState = z.infer<typeof cursorSchema>;

export function versionKey(p: Position): string {
  return `${p.id}@${p.t}`;
}

/** Numeric when both ids are digits ("9999999" < "10000000"), otherwise by characters. */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function comparePositions(a: Position, b: Position): number {
  return a.t - b.t || compareIds(a.id, b.id);
}

export function positionOf(state: CursorState): Position | undefined {
  return state.t !== undefined && state.id !== undefined ? { t: state.t, id: state.id } : undefined;
}

export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

export function decodeCursor(cursor: string | null): CursorState {
  if (cursor === null || cursor === '') return { v: 1, seen: [] };
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch (err) {
    throw new ConnectorError(
      'CURSOR_INVALID',
      'LAPOR: the stored cursor is not one this connector wrote; reset it to pull again from the configured start',
      { cause: err },
    );
  }
}

/**
 * Keeps the versions that a later request may serve again: those inside the look-back
 * window (from `from`), newest first, bounded; those stamped after `settledUpTo` are
 * forgotten, so they are delivered again.
 */
export function pruneSeen(seen: Iterable<string>, from: number, settledUpTo = Infinity): string[] {
  const kept: { key: string; t: number }[] = [];
  for (const key of seen) {
    const t = Number(key.slice(key.lastIndexOf('@') + 1));
    if (t >= from && t <= settledUpTo) kept.push({ key, t });
  }
  kept.sort((a, b) => b.t - a.t);
  return kept.slice(0, SEEN_LIMIT).map((k) => k.key);
}
