import type { Clock } from '../../domain/clock.js';
import { ConnectorError } from '../../domain/failures.js';
import type { PullOptions, PullPage, PulledRecord } from '../types.js';
import { sourceNow } from '../http/clock-offset.js';
import type { LaporClient } from './client.js';
import type { LaporConfig } from './config.js';
import {
  comparePositions,
  decodeCursor,
  encodeCursor,
  positionOf,
  pruneSeen,
  versionKey,
  type CursorState,
} from './cursor.js';
import type { Mapper, Position } from './map.js';
import { pick } from './paths.js';
import { formatTimestamp } from './time.js';

/** The largest page the bridge asks LAPOR for (the configuration's own bound on pageSize). */
const MAX_PAGE = 1000;

/**
 * LAPOR stamps activity at whole seconds, and the run's bound is our reading of its clock
 * (to a `Date` header's second): a version stamped this close to the bound may still change
 * under the same stamp after it was read. The next run reads at least this far back, and
 * such versions are not remembered as delivered, so a change made later in that second is
 * read (an unchanged one stops at the ledger's door).
 */
export const UNSETTLED_MS = 3000;

/**
 * One page of an incremental pull. See readme.md ("Pull guarantees"): within a run every
 * report version is delivered once; a run is bounded by the time it started, so a report
 * edited during the run comes in the next run, as its new version.
 */
export async function pullPage(
  config: LaporConfig,
  client: LaporClient,
  mapper: Mapper,
  clock: Clock,
  cursor: string | null,
  options: PullOptions = {},
): Promise<PullPage> {
  const state = decodeCursor(cursor);
  const from = positionOf(state);
  const inRun = state.until !== undefined;
  const readFrom = (inRun && state.read) || from;
  // A new run is bounded by LAPOR's clock when it is asked (its stamps are what the bound is
  // compared with); the offset is the one its latest answer showed, refreshed by this one.
  const askedAt = clock.now().getTime();
  const lookBack = Math.max(config.lookBackSeconds * 1000, UNSETTLED_MS);

  const params: Record<string, unknown> = {};
  const { since, sinceId, limit } = config.params;
  params[limit] = config.pageSize;
  if (from && readFrom && since !== null) {
    if (inRun) {
      params[since] = formatTimestamp(readFrom.t, config.timestamps.send, config.timestamps.offset);
      if (sinceId !== null) params[sinceId] = readFrom.id;
    } else params[since] = formatTimestamp(from.t - lookBack, config.timestamps.send, config.timestamps.offset);
    // The look-back window re-serves versions already delivered (skipped below): the first
    // request asks for them on top of a page, so a run with nothing new ends in one request.
    // LAPOR may cut the answer at its own limit: the run goes on from the last record served.
    if (!inRun || sinceId === null) params[limit] = Math.min(MAX_PAGE, config.pageSize + state.seen.length);
  } else if (!from && config.initialSince && since !== null) {
    params[since] = formatTimestamp(Date.parse(config.initialSince), config.timestamps.send, config.timestamps.offset);
  }

  const { body } = await client.call('list', { params, signal: options.signal });
  const until = state.until ?? sourceNow(askedAt, client.serverOffsetMs());
  const items = pick(body, config.response.items);
  if (!Array.isArray(items)) {
    throw new ConnectorError(
      'INVALID_PAYLOAD',
      `LAPOR: the list answer has no array at "${config.response.items}" (check response.items in the configuration)`,
    );
  }

  const seen = new Set(state.seen);
  const windowStart = from ? from.t - lookBack : -Infinity;
  let furthest: Position | undefined = from;
  let last: Position | undefined;
  let fresh = 0;
  let reachedBound = false;
  const records: PulledRecord[] = [];

  for (const item of items) {
    const at = mapper.position(item);
    if (at) {
      // The run stops at its bound: newer activity belongs to the next run.
      if (at.t >= until) {
        reachedBound = true;
        break;
      }
      last = at;
      const key = versionKey(at);
      if (seen.has(key)) continue;
      if (from && comparePositions(at, from) <= 0 && at.t < windowStart) continue;
      seen.add(key);
      if (!furthest || comparePositions(at, furthest) > 0) furthest = at;
    }
    fresh++;
    records.push(
      config.fetchDetail && at ? await fetchDetail(config, client, mapper, at.id, options) : mapper.map(item),
    );
  }

  const declared = config.response.hasMore === null ? undefined : pick(body, config.response.hasMore);
  const hasMore = typeof declared === 'boolean' ? declared : items.length >= config.pageSize || fresh > 0;
  const done = reachedBound || !hasMore;
  const next: CursorState = {
    v: 1,
    seen: furthest ? pruneSeen(seen, furthest.t - lookBack, done ? until - UNSETTLED_MS : Infinity) : [],
  };
  if (furthest) Object.assign(next, { t: furthest.t, id: furthest.id });
  if (!done) {
    next.until = until;
    // Within a run the list is read forwards (a page served twice does not move it back); the
    // run's first page may end inside the look-back window, behind the furthest position.
    const read = inRun && readFrom && (!last || comparePositions(readFrom, last) > 0) ? readFrom : last;
    if (read) next.read = { t: read.t, id: read.id };
  }
  return { records, nextCursor: encodeCursor(next), done };
}

/** One report by tracking id, mapped as a listed one would be (detail calls and the quarantine re-fetch). */
export async function fetchDetail(
  config: LaporConfig,
  client: LaporClient,
  mapper: Mapper,
  trackingId: string,
  options: PullOptions = {},
): Promise<PulledRecord> {
  const { body } = await client.call('detail', { vars: { trackingId }, signal: options.signal });
  return mapper.map(pick(body, config.response.record));
}
