import { z } from 'zod';
import { ConnectorError } from '../../domain/failures.js';
import { getPath } from '../common/dot-path.js';
import { toLabel } from '../common/values.js';
import type { PagingConfig } from './config-paging.js';

/**
 * Position in the source, carried by the opaque cursor. A "pass" walks the list from a
 * start to the end; the next pass starts where the source needs it (see nextPass).
 */
export const restCursorSchema = z.strictObject({
  /** The change time this pass asks from (inclusive), ISO. */
  since: z.string().optional(),
  page: z.number().int().min(0).optional(),
  offset: z.number().int().min(0).optional(),
  token: z.string().optional(),
  /** Newest change time seen in this pass, epoch ms. */
  hw: z.number().optional(),
  /**
   * timestamp style: ids already returned whose change time equals `since`; cursor style:
   * `id@changeMs` of the records the last page returned, when the pass ended on it and the
   * next pass asks it again (only those that changed since are returned, and enriched).
   */
  seen: z.array(z.string()).optional(),
});
export type RestCursor = z.infer<typeof restCursorSchema>;

/** What paging needs to know of one raw item, read before any enrichment. */
export interface ItemKey {
  id?: string | undefined;
  ms?: number | undefined;
}

function formatSince(ms: number, format: 'iso' | 'epoch-seconds' | 'epoch-ms'): string {
  if (format === 'epoch-seconds') return String(Math.floor(ms / 1000));
  if (format === 'epoch-ms') return String(ms);
  return new Date(ms).toISOString();
}

export function requestParams(paging: PagingConfig, state: RestCursor): Record<string, string | number> {
  const params: Record<string, string | number> = { [paging.sizeParam]: paging.pageSize };
  if (paging.style !== 'cursor' && paging.sinceParam && state.since) params[paging.sinceParam] = formatSince(Date.parse(state.since), paging.sinceFormat);
  if (paging.style === 'page') params[paging.pageParam] = state.page ?? paging.firstPage;
  if (paging.style === 'offset') params[paging.offsetParam] = state.offset ?? 0;
  if (paging.style === 'cursor' && state.token) params[paging.cursorParam] = state.token;
  return params;
}

/** A record as of one change time, for the cursor style's re-asked last page. */
const versionKey = (k: ItemKey): string | undefined => (k.id !== undefined && k.ms !== undefined ? `${k.id}@${k.ms}` : undefined);

/**
 * Indexes of the items to return: the timestamp style skips those already returned at the
 * boundary; the others, reading again what they read at the end of the last pass (the
 * cursor style's last page, the page and offset styles' overlap), those returned before
 * unchanged.
 */
export function unseen(paging: PagingConfig, state: RestCursor, keys: readonly ItemKey[]): number[] {
  const indexes = keys.map((_k, i) => i);
  if (paging.style !== 'timestamp' && state.seen?.length) {
    const returned = new Set(state.seen);
    return indexes.filter((i) => !returned.has(versionKey(keys[i]!) ?? ''));
  }
  if (paging.style !== 'timestamp' || !state.since || !state.seen?.length) return indexes;
  const sinceMs = Date.parse(state.since);
  const seen = new Set(state.seen);
  return indexes.filter((i) => !(keys[i]!.ms === sinceMs && keys[i]!.id !== undefined && seen.has(keys[i]!.id!)));
}

function maxMs(keys: readonly ItemKey[]): number | undefined {
  let max: number | undefined;
  for (const k of keys) if (k.ms !== undefined && (max === undefined || k.ms > max)) max = k.ms;
  return max;
}

/** The versions a pass's last page returned at or after the next pass's start: that pass reads them again. */
function returnedSince(keys: readonly ItemKey[], since: string | undefined): { seen?: string[] } {
  const from = since === undefined ? -Infinity : Date.parse(since);
  const seen = keys.filter((k) => k.ms !== undefined && k.ms >= from).map(versionKey).filter((k): k is string => k !== undefined);
  return seen.length ? { seen } : {};
}

/** Start of the next pass when the list is filtered by change time: never earlier than this pass's start. */
function nextSince(state: RestCursor, hw: number | undefined, overlapSeconds: number): string | undefined {
  if (hw === undefined) return state.since;
  const start = Math.max(hw - overlapSeconds * 1000, state.since ? Date.parse(state.since) : -Infinity);
  return new Date(start).toISOString();
}

export interface Advance {
  next: RestCursor;
  done: boolean;
}

export function advance(paging: PagingConfig, state: RestCursor, keys: readonly ItemKey[], body: unknown, system: string): Advance {
  const count = keys.length;
  const pageMax = maxMs(keys);
  const hw = pageMax === undefined ? state.hw : Math.max(pageMax, state.hw ?? -Infinity);

  switch (paging.style) {
    case 'page': {
      const page = state.page ?? paging.firstPage;
      const totalPages = paging.totalPagesPath ? Number(getPath(body, paging.totalPagesPath)) : NaN;
      const more = count > 0 && (Number.isFinite(totalPages) ? page - paging.firstPage + 1 < totalPages : count >= paging.pageSize);
      if (more) return { next: { since: state.since, page: page + 1, hw }, done: false };
      // Without a change filter only appends are visible: re-read the last (partial) page next time.
      if (!paging.sinceParam) return { next: { page }, done: true };
      const since = nextSince(state, hw, paging.overlapSeconds);
      return { next: { since, ...returnedSince(keys, since) }, done: true };
    }
    case 'offset': {
      const offset = state.offset ?? 0;
      const total = paging.totalPath ? Number(getPath(body, paging.totalPath)) : NaN;
      const more = count > 0 && (Number.isFinite(total) ? offset + count < total : count >= paging.pageSize);
      if (more) return { next: { since: state.since, offset: offset + count, hw }, done: false };
      if (!paging.sinceParam) return { next: { offset: offset + count }, done: true };
      const since = nextSince(state, hw, paging.overlapSeconds);
      return { next: { since, ...returnedSince(keys, since) }, done: true };
    }
    case 'cursor': {
      const token = toLabel(getPath(body, paging.nextCursorPath));
      if (token !== undefined && count > 0 && token !== state.token) return { next: { token }, done: false };
      // No next cursor: ask the same position again next time, so later records are found (inclusive);
      // what this page returned is remembered, so the next pass returns (and enriches) only what changed.
      if (token !== undefined && count === 0) return { next: { token }, done: true };
      const seen = keys.map(versionKey).filter((k): k is string => k !== undefined);
      return { next: { ...(state.token ? { token: state.token } : {}), ...(seen.length ? { seen } : {}) }, done: true };
    }
    case 'timestamp': {
      if (pageMax === undefined) return { next: { since: state.since, seen: state.seen }, done: true };
      const sinceMs = state.since ? Date.parse(state.since) : undefined;
      const atMax = keys.filter((k) => k.ms === pageMax && k.id !== undefined).map((k) => k.id!);
      const seen = pageMax === sinceMs ? [...new Set([...(state.seen ?? []), ...atMax])] : atMax;
      const full = count >= paging.pageSize;
      if (full && pageMax === sinceMs) {
        throw new ConnectorError('INVALID_PAYLOAD', `${system}: more than ${paging.pageSize} records share the change time ${state.since}; raise list.paging.pageSize so paging can move past it`);
      }
      if (full) return { next: { since: new Date(pageMax).toISOString(), seen }, done: false };
      if (paging.overlapSeconds === 0) return { next: { since: new Date(pageMax).toISOString(), seen }, done: true };
      return { next: { since: nextSince(state, pageMax, paging.overlapSeconds) }, done: true };
    }
  }
}
