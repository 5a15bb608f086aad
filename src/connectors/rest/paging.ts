import { createHash } from 'node:crypto';
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
   * timestamp style: `id#digest` of the records already returned whose change time equals
   * `since`, and at a pass's start with an overlap, `id@changeMs#digest` of those the last
   * pass returned in it; cursor style: `id@changeMs#digest` of the records the last page returned, when
   * the pass ended on it and the next pass asks it again (only those that changed since are
   * returned, and enriched). The digest is of the item as listed: sources stamp changes at
   * whole seconds, so a record changed again in the second it was read keeps its change
   * time, and only its content tells the new version from the one returned.
   */
  seen: z.array(z.string()).optional(),
  /** page/offset styles: digests of the ids met in this pass, for the overlap and count checks. */
  ids: z.array(z.string()).optional(),
  /** page/offset styles: an id came twice in this pass, so the list shifted under it. */
  shifted: z.boolean().optional(),
  /** How many passes in a row were re-read because the list shifted. */
  rereads: z.number().int().min(0).optional(),
  /** Digest of the previous page's ids and whether it was already asked again: a source that ignores paging. */
  last: z.string().optional(),
  repeated: z.boolean().optional(),
});
export type RestCursor = z.infer<typeof restCursorSchema>;

/** What paging needs to know of one raw item, read before any enrichment. */
export interface ItemKey {
  id?: string | undefined;
  ms?: number | undefined;
  /** Of the item as listed (see RestCursor.seen). */
  digest?: string | undefined;
}

function formatSince(ms: number, format: 'iso' | 'epoch-seconds' | 'epoch-ms'): string {
  if (format === 'epoch-seconds') return String(Math.floor(ms / 1000));
  if (format === 'epoch-ms') return String(ms);
  return new Date(ms).toISOString();
}

export function requestParams(paging: PagingConfig, state: RestCursor): Record<string, string | number> {
  const params: Record<string, string | number> = { [paging.sizeParam]: paging.pageSize };
  if (paging.style !== 'cursor' && paging.sinceParam && state.since)
    params[paging.sinceParam] = formatSince(Date.parse(state.since), paging.sinceFormat);
  if (paging.style === 'page') params[paging.pageParam] = state.page ?? paging.firstPage;
  if (paging.style === 'timestamp' && paging.pageParam && state.page !== undefined)
    params[paging.pageParam] = state.page;
  if (paging.style === 'offset') params[paging.offsetParam] = state.offset ?? 0;
  if (paging.style === 'cursor' && state.token) params[paging.cursorParam] = state.token;
  return params;
}

const digest = (text: string): string => createHash('sha256').update(text).digest('base64url').slice(0, 10);

/** What tells one version of a listed item from another when their change times are equal. */
export const itemDigest = (item: unknown): string => digest(JSON.stringify(item) ?? '');

/** A record as of one change time and content, for the re-asked last page or overlap. */
const versionKey = (k: ItemKey): string | undefined =>
  k.id !== undefined && k.ms !== undefined ? `${k.id}@${k.ms}#${k.digest ?? ''}` : undefined;

/** A record at the timestamp style's `since`, with its content (see RestCursor.seen). */
const sinceKey = (k: ItemKey): string | undefined => (k.id !== undefined ? `${k.id}#${k.digest ?? ''}` : undefined);

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
  // Returned at `since` by this pass's earlier page (id#digest), or in the overlap by the last pass (id@ms#digest).
  return indexes.filter((i) => {
    const k = keys[i]!;
    return !(k.ms === sinceMs && seen.has(sinceKey(k) ?? '')) && !seen.has(versionKey(k) ?? '');
  });
}

function maxMs(keys: readonly ItemKey[]): number | undefined {
  let max: number | undefined;
  for (const k of keys) if (k.ms !== undefined && (max === undefined || k.ms > max)) max = k.ms;
  return max;
}

/** The versions a pass's last page returned at or after the next pass's start: that pass reads them again. */
function returnedSince(keys: readonly ItemKey[], since: string | undefined): { seen?: string[] } {
  const from = since === undefined ? -Infinity : Date.parse(since);
  const seen = keys
    .filter((k) => k.ms !== undefined && k.ms >= from)
    .map(versionKey)
    .filter((k): k is string => k !== undefined);
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
  /** Set when this pass is read again because the list shifted under it (for the log). */
  reread?: { passes: number; reason: string };
  /** Only the items before this index are taken from the page; the next request serves the rest again. */
  upTo?: number;
}

/** How often a keyset position is asked again for a record without a readable id before the pass moves past it. */
export const UNREADABLE_REREADS = 3;

/**
 * A keyset page with a record whose id cannot be read (a broken serialisation): quarantined,
 * it could never be fetched again by itself, and the next request would start past it. So
 * the list is asked again from just before it (the items before it are taken); a source
 * that serves it broken every time is passed after UNREADABLE_REREADS tries, the record
 * quarantined as served.
 */
function rereadBefore(state: RestCursor, keys: readonly ItemKey[], at: number): Advance {
  const before = keys.slice(0, at);
  const lastMs = maxMs(before);
  const sinceMs = state.since ? Date.parse(state.since) : undefined;
  const passes = (state.rereads ?? 0) + 1;
  const idsAt = (ms: number | undefined) => before.filter((k) => k.ms === ms).flatMap((k) => sinceKey(k) ?? []);
  const next: RestCursor =
    lastMs === undefined || lastMs === sinceMs
      ? { ...state, seen: [...new Set([...(state.seen ?? []), ...idsAt(sinceMs)])], rereads: passes }
      : { since: new Date(lastMs).toISOString(), seen: idsAt(lastMs), rereads: passes };
  if (next.seen?.length === 0) delete next.seen;
  return {
    next,
    done: false,
    upTo: at,
    reread: { passes, reason: 'a record of the page has no readable id' },
  };
}

/**
 * The overlap and count checks of a page-number (or offset) pass. A list sorted by change
 * time shifts when a record before the reader's position changes: it moves to the end, every
 * later record moves up one place, and the one at the page boundary is never served. The
 * moved record is then met twice in the pass (overlap check), and fewer distinct records
 * than the list declares were read (count check). Either way the pass is read again, from
 * its own start, until one pass is consistent; until then the window never moves on.
 */
function passCheck(state: RestCursor, keys: readonly ItemKey[]): { ids: string[]; shifted: boolean } {
  const ids = new Set(state.ids ?? []);
  let shifted = state.shifted ?? false;
  for (const k of keys) {
    if (k.id === undefined) continue;
    const d = digest(k.id);
    if (ids.has(d)) shifted = true;
    ids.add(d);
  }
  return { ids: [...ids], shifted };
}

/** The same page served for the next position: once is a glitch (asked again), twice is a source that ignores paging. */
function repeatCheck(
  paging: PagingConfig,
  state: RestCursor,
  keys: readonly ItemKey[],
  system: string,
): { fingerprint?: string; again: boolean } {
  if (keys.length === 0 || keys.some((k) => k.id === undefined)) return { again: false };
  const fingerprint = digest(keys.map((k) => k.id).join('\u0000'));
  if (fingerprint !== state.last) return { fingerprint, again: false };
  if (state.repeated) {
    const param =
      paging.style === 'page'
        ? paging.pageParam
        : paging.style === 'offset'
          ? paging.offsetParam
          : paging.style === 'timestamp'
            ? paging.sinceParam
            : paging.cursorParam;
    throw new ConnectorError(
      'INVALID_PAYLOAD',
      `${system}: the list answered the same page for the next position twice: it ignores the "${param}" parameter; stopped so as not to ask it forever (check list.paging)`,
    );
  }
  return { fingerprint, again: true };
}

export function advance(
  paging: PagingConfig,
  state: RestCursor,
  keys: readonly ItemKey[],
  body: unknown,
  system: string,
): Advance {
  const count = keys.length;
  const pageMax = maxMs(keys);
  const hw = pageMax === undefined ? state.hw : Math.max(pageMax, state.hw ?? -Infinity);

  switch (paging.style) {
    case 'page':
    case 'offset': {
      const position = paging.style === 'page' ? (state.page ?? paging.firstPage) : (state.offset ?? 0);
      const repeat = repeatCheck(paging, state, keys, system);
      // Asked again at the same position: a source that served the previous page once more by mistake gets one more chance.
      if (repeat.again) return { next: { ...state, repeated: true }, done: false };
      const carried = {
        ...(repeat.fingerprint ? { last: repeat.fingerprint } : {}),
        ...(state.rereads ? { rereads: state.rereads } : {}),
      };
      const check = passCheck(state, keys);
      const declared = paging.totalPath ? Number(getPath(body, paging.totalPath)) : NaN;
      let more: boolean;
      let next: RestCursor;
      if (paging.style === 'page') {
        const totalPages = paging.totalPagesPath ? Number(getPath(body, paging.totalPagesPath)) : NaN;
        more =
          count > 0 &&
          (Number.isFinite(totalPages) ? position - paging.firstPage + 1 < totalPages : count >= paging.pageSize);
        next = {
          since: state.since,
          page: position + 1,
          hw,
          ids: check.ids,
          ...(check.shifted ? { shifted: true } : {}),
          ...carried,
        };
      } else {
        more = count > 0 && (Number.isFinite(declared) ? position + count < declared : count >= paging.pageSize);
        next = {
          since: state.since,
          offset: position + count,
          hw,
          ids: check.ids,
          ...(check.shifted ? { shifted: true } : {}),
          ...carried,
        };
      }
      if (more) return { next, done: false };
      const short = Number.isFinite(declared) && check.ids.length < declared;
      if (check.shifted || short) {
        const passes = (state.rereads ?? 0) + 1;
        const reason = check.shifted
          ? 'a record came twice in this pass'
          : `the list declares ${declared} records, this pass met ${check.ids.length}`;
        // Read the same window again from its start: what the shift hid is served then.
        return {
          next: { ...(state.since ? { since: state.since } : {}), rereads: passes },
          done: true,
          reread: { passes, reason },
        };
      }
      // Without a change filter only appends are visible: re-read the last (partial) page next time.
      if (!paging.sinceParam)
        return { next: paging.style === 'page' ? { page: position } : { offset: position + count }, done: true };
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
      const sinceMs = state.since ? Date.parse(state.since) : undefined;
      if (pageMax !== undefined && sinceMs !== undefined && pageMax < sinceMs) {
        throw new ConnectorError(
          'INVALID_PAYLOAD',
          `${system}: asked for records changed since ${state.since}, the list answered older ones only: it ignores the "${paging.sinceParam}" parameter (check list.paging)`,
        );
      }
      const unreadable = keys.findIndex((k) => k.id === undefined);
      if (unreadable >= 0 && (state.rereads ?? 0) < UNREADABLE_REREADS) return rereadBefore(state, keys, unreadable);
      if (pageMax === undefined) return { next: { since: state.since, seen: state.seen }, done: true };
      const atMax = keys.filter((k) => k.ms === pageMax).flatMap((k) => sinceKey(k) ?? []);
      const seen = pageMax === sinceMs ? [...new Set([...(state.seen ?? []), ...atMax])] : atMax;
      const full = count >= paging.pageSize;
      if (full && pageMax === sinceMs) {
        // More than a page of records share one change time: page through them where the list allows.
        if (paging.pageParam)
          return { next: { since: state.since, seen, page: (state.page ?? paging.firstPage) + 1 }, done: false };
        throw new ConnectorError(
          'INVALID_PAYLOAD',
          `${system}: more than ${paging.pageSize} records share the change time ${state.since}; raise list.paging.pageSize or set list.paging.pageParam so paging can move past it`,
        );
      }
      if (full) return { next: { since: new Date(pageMax).toISOString(), seen }, done: false };
      if (paging.overlapSeconds === 0) return { next: { since: new Date(pageMax).toISOString(), seen }, done: true };
      // The next pass reads the overlap again: what this page returned in it is not returned (or enriched) twice.
      const since = nextSince(state, pageMax, paging.overlapSeconds);
      return { next: { since, ...returnedSince(keys, since) }, done: true };
    }
  }
}
