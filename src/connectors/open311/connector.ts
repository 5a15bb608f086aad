import { ConnectorError, isConnectorError } from '../../domain/failures.js';
import { addressCheck } from '../http/client.js';
import { createAuthenticator } from '../http/auth.js';
import { createSkewWatch, sourceNow } from '../http/clock-offset.js';
import { clientFromSettings } from '../http/settings.js';
import type { Connector, ConnectorContext, HealthCheckResult, PulledRecord, PullPage } from '../types.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { parseTimestamp, type TimestampOptions } from '../common/timestamp.js';
import { mapLimit } from '../common/pool.js';
import { unseen } from '../common/skew.js';
import { toId, toLabel } from '../common/values.js';
import { statusLookup } from '../common/status-lookup.js';
import { createOpen311Api } from './api.js';
import type { Open311Config } from './config.js';
import { keptUpdates, mapServiceRequest, type Open311MapContext } from './map.js';
import { requestUpdateSchema, type RequestUpdate } from './schema.js';
import { inWindow, nextPosition, open311CursorSchema, w3c, type Open311Cursor } from './window.js';
import { createWindowReader, type Stamp, type Stamped, type WindowAnswer } from './window-read.js';
import { open311WriteBack } from './write-back.js';

export const OPEN311_CURSOR_TAG = 'o311v1';

/** A failure of one request's own GET that says nothing about the others: kept as that record's failure. */
const isolatable = (err: unknown) =>
  isConnectorError(err) &&
  err.status !== undefined &&
  (err.code === 'TRANSIENT' || err.code === 'INVALID_PAYLOAD' || err.code === 'NOT_FOUND');

export function createOpen311Connector(config: Open311Config, context: ConnectorContext): Connector {
  const system = context.name;
  const { clock, logger } = context;
  // Windows end on the server's clock (its Date headers), so a server behind ours loses nothing.
  const skew = createSkewWatch(Math.max(config.window.overlapSeconds, 60) * 1000, logger);
  const http = clientFromSettings(system, config.baseUrl, config.http, clock, undefined, skew);
  const auth = createAuthenticator(config.auth, { http, secret: context.secret, clock, system });
  const api = createOpen311Api(config, auth, context.secret, system);
  const status = statusLookup(config.statusMap);

  function stamp(
    items: unknown[],
    idKey: string,
    timeKey: string,
    versionKey: string,
    ts: TimestampOptions,
    prefix = '',
  ): Stamped[] {
    return items.map((raw) => {
      const record = (raw ?? {}) as Record<string, unknown>;
      const time = parseTimestamp(record[timeKey], ts);
      const version = toLabel(record[versionKey]) ?? toLabel(record[timeKey]) ?? '';
      return { id: `${prefix}${toId(record[idKey]) ?? ''}`, version, ms: time.ok ? time.ms : undefined, raw };
    });
  }

  const windows = createWindowReader({
    system,
    logger,
    maxResults: config.maxResults,
    days: config.window.days,
    ask: (list, start, end, signal) =>
      list === 'requests' ? api.requests(start, end, signal) : api.updates(start, end, signal),
  });

  function groupUpdates(stamped: readonly Stamped[]): Map<string, RequestUpdate[]> {
    const byRequest = new Map<string, RequestUpdate[]>();
    for (const u of stamped) {
      const parsed = requestUpdateSchema.safeParse(u.raw);
      // An update that cannot be read is not a complaint of its own: it stays with the log line.
      if (!parsed.success) {
        logger.warn(
          {
            updateId: u.id,
            issue: parsed.error.issues[0]?.message,
            meaning:
              'this status update is not applied; the request itself and its other updates are; a later readable update of it will be',
          },
          'skipped unreadable service request update',
        );
        continue;
      }
      byRequest.set(parsed.data.service_request_id, [
        ...(byRequest.get(parsed.data.service_request_id) ?? []),
        parsed.data,
      ]);
    }
    return byRequest;
  }

  /** The current state of requests named by updates, each with its filing time; one that cannot be read is its own failure. */
  async function fetchChanged(
    ids: readonly string[],
    updatesByRequest: ReadonlyMap<string, RequestUpdate[]>,
    stampRequests: Stamp,
    mapContext: Open311MapContext,
    signal?: AbortSignal,
  ): Promise<{ record: PulledRecord; filedMs?: number | undefined }[]> {
    return mapLimit(ids, config.http.concurrency, async (id) => {
      const kept = { service_request_id: id, updates: updatesByRequest.get(id) };
      try {
        const raw = await api.request(id, signal);
        if (raw === undefined)
          return {
            record: { ok: false, externalId: id, raw: kept, reason: `request ${id} of an update was not found` },
          };
        return {
          record: mapServiceRequest(raw, updatesByRequest.get(id) ?? [], mapContext),
          filedMs: stampRequests([raw])[0]?.ms,
        };
      } catch (err) {
        if (!isolatable(err)) throw err;
        const error = err as ConnectorError;
        logger.warn(
          {
            requestId: id,
            code: error.code,
            status: error.status,
            meaning: 'kept in quarantine with its reason and fetched again by the next polls; nothing is lost',
          },
          "a request of an update could not be read; kept as that record's failure",
        );
        return {
          record: {
            ok: false,
            externalId: id,
            raw: kept,
            reason: `request ${id} could not be read (${error.code}${error.status ? ` ${error.status}` : ''}); it is fetched again from the quarantine`,
          },
        };
      }
    });
  }

  async function pull(cursor: string | null, options: { signal?: AbortSignal } = {}): Promise<PullPage> {
    const state: Open311Cursor =
      cursor === null
        ? { start: config.window.start, updatesStart: config.window.start, seen: [] }
        : decodeCursor(OPEN311_CURSOR_TAG, cursor, open311CursorSchema, system);
    const now = clock.now();
    const ts: TimestampOptions = {
      defaultOffset: config.records.defaultOffset,
      dayFirst: config.records.dayFirst,
      now,
    };
    // The window ends at the server's "now" (the offset its answers showed), never ours: a
    // request it files after this read carries its own, earlier time, and must still fall
    // after the next window's start.
    const serverNow = new Date(sourceNow(now.getTime(), http.offsetMs()));
    const at = { ...ts, now: serverNow };
    const stampRequests: Stamp = (raw) =>
      stamp(raw, 'service_request_id', 'requested_datetime', 'updated_datetime', at);
    const requestsRead = await windows.read('requests', state.start, serverNow, stampRequests, options.signal);
    const updatesRead = config.updates.enabled
      ? await windows.read(
          'servicerequestupdates',
          state.updatesStart,
          serverNow,
          (raw) => stamp(raw, 'update_id', 'updated_datetime', 'updated_datetime', at, 'update:'),
          options.signal,
        )
      : undefined;
    // The answers may have shown the server's clock further off than we knew: no window is
    // passed beyond its "now", and one reaching it is the live edge (window.ts, nextStart).
    const answeredNow = sourceNow(now.getTime(), http.offsetMs());
    const settle = (read: WindowAnswer) => ({
      window: { ...read.window, endMs: Math.max(read.window.startMs, Math.min(read.window.endMs, answeredNow)) },
      live: read.live || read.window.endMs >= answeredNow,
    });
    const requestsAt = settle(requestsRead);
    const updatesAt = updatesRead && settle(updatesRead);
    let requests = requestsRead.items;
    const updates = updatesRead?.items ?? [];
    const updatesByRequest = groupUpdates(unseen(updates, state.seen));
    const mapContext = { rules: config.records, now, status };

    const records: PulledRecord[] = [];
    const inThisWindow = new Set<string>();
    const take = (items: readonly Stamped[]) => {
      for (const r of unseen(items, state.seen)) {
        inThisWindow.add(r.id);
        records.push(mapServiceRequest(r.raw, updatesByRequest.get(r.id) ?? [], mapContext));
      }
    };
    take(requests);
    // Requests that changed in this window but were filed earlier: fetch their current state.
    // One that cannot be read is that record's failure; the window still moves on.
    const changedOnly = [...updatesByRequest.keys()].filter((id) => !inThisWindow.has(id));
    const fetched = await fetchChanged(changedOnly, updatesByRequest, stampRequests, mapContext, options.signal);
    records.push(...fetched.map((f) => f.record));
    // A past window is passed for good: if its updates name requests filed inside it that its
    // list lacked, the list was not this window's whole answer (a stale or repeated one), and
    // it is asked again before the cursor moves on.
    const lacking = new Set(
      fetched.flatMap((f) =>
        f.record.ok && f.filedMs !== undefined && inWindow(f.filedMs, requestsRead.window) ? [f.record.externalId] : [],
      ),
    );
    if (!requestsAt.live && lacking.size > 0) {
      const again = await windows.askAgainFor('requests', requestsRead.window, lacking, stampRequests, options.signal);
      if (!again.complete)
        logger.warn(
          {
            lacking: lacking.size,
            window: { start: w3c(requestsRead.window.startMs), end: w3c(requestsRead.window.endMs) },
            meaning:
              'requests this list hides and no update names may be missing for that window; the reconciliation lane lists recent days again, older ones can be imported from a file',
          },
          'the list of requests lacks requests filed in its window that the server serves by id (through their updates); asked again, it still does: those were read by id, others the list hides cannot be',
        );
      take(again.items.filter((i) => !inThisWindow.has(i.id) && !lacking.has(i.id)));
      requests = [...requests, ...again.items];
    }

    const overlap = config.window.overlapSeconds;
    const requestsNext = nextPosition(requestsAt.window, requests, overlap, requestsAt.live);
    // Without the extension the updates' position follows the requests': enabled later, it starts there.
    const updatesNext = updatesAt
      ? nextPosition(updatesAt.window, updates, overlap, updatesAt.live)
      : { start: requestsNext.start, seen: [] };
    const next: Open311Cursor = {
      start: requestsNext.start,
      updatesStart: updatesNext.start,
      seen: [...requestsNext.seen, ...updatesNext.seen],
    };
    const caughtUp = requestsAt.live && (updatesAt?.live ?? true);
    logger.debug(
      {
        requests: { start: requestsAt.window.startMs, end: requestsAt.window.endMs, next: next.start },
        updates: { next: next.updatesStart },
        returned: records.length,
        caughtUp,
      },
      'pulled window',
    );
    return { records, nextCursor: encodeCursor(OPEN311_CURSOR_TAG, next), done: caughtUp };
  }

  /**
   * One request as the server holds it now, with the updates kept beside the quarantined
   * copy: how a request served broken, or not readable when its update came, is fetched again.
   */
  async function refetch(id: string, kept: unknown, options: { signal?: AbortSignal } = {}): Promise<PulledRecord> {
    const raw = await api.request(id, options.signal);
    if (raw === undefined) throw new ConnectorError('NOT_FOUND', `${system}: service request ${id} not found`);
    const mapContext = { rules: config.records, now: clock.now(), status };
    return mapServiceRequest(raw, keptUpdates(kept), mapContext);
  }

  async function health(): Promise<HealthCheckResult[]> {
    const results: HealthCheckResult[] = [];
    try {
      const services = await api.services();
      results.push({
        check: 'services',
        ok: true,
        detail: `${services.length} service(s) offered, answered in ${api.format()?.toUpperCase() ?? 'an empty body'}`,
      });
    } catch (err) {
      return [
        { check: 'services', ok: false, detail: isConnectorError(err) ? `${err.code}: ${err.message}` : String(err) },
        ...addressCheck(http),
      ];
    }
    if (config.updates.enabled) {
      const now = clock.now().getTime();
      try {
        await api.updates(w3c(now - 86_400_000), w3c(now));
        results.push({ check: 'servicerequestupdates', ok: true, detail: 'the updates extension answers' });
      } catch (err) {
        results.push({
          check: 'servicerequestupdates',
          ok: false,
          detail: `updates.enabled is true but the server does not serve servicerequestupdates (${isConnectorError(err) ? err.code : String(err)}); set updates.enabled to false`,
        });
      }
    }
    return [...results, ...addressCheck(http)];
  }

  return {
    name: system,
    kind: 'open311',
    classifies: false,
    pull,
    refetch,
    // A replayed request is mapped without its updates; the next window brings them again.
    mapRaw: (raw) => mapServiceRequest(raw, [], { rules: config.records, now: clock.now(), status }),
    cursorSince: (since) =>
      encodeCursor(OPEN311_CURSOR_TAG, {
        start: since.toISOString(),
        updatesStart: since.toISOString(),
        seen: [],
      } satisfies Open311Cursor),
    // Requests by filing time, updates by their own: the earlier position is where reading goes on.
    pullsFrom: (cursor) => {
      const { start, updatesStart } = decodeCursor(OPEN311_CURSOR_TAG, cursor, open311CursorSchema, system);
      const ms = Math.min(Date.parse(start), config.updates.enabled ? Date.parse(updatesStart) : Infinity);
      return Number.isFinite(ms) ? new Date(ms) : undefined;
    },
    health,
    ...open311WriteBack(config, api, { clock, system }),
    close: () => {
      http.close();
      return Promise.resolve();
    },
  };
}
