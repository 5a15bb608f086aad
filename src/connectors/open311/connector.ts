import { ConnectorError, isConnectorError } from '../../domain/failures.js';
import { createAuthenticator } from '../http/auth.js';
import { createSkewWatch, sourceNow } from '../http/clock-offset.js';
import { clientFromSettings } from '../http/settings.js';
import type { Connector, ConnectorContext, HealthCheckResult, PulledRecord, PullPage } from '../types.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { parseTimestamp, type TimestampOptions } from '../common/timestamp.js';
import { mapLimit } from '../common/pool.js';
import { unseen, type Versioned } from '../common/skew.js';
import { toId, toLabel } from '../common/values.js';
import { statusLookup } from '../common/status-lookup.js';
import { createOpen311Api } from './api.js';
import type { Open311Config } from './config.js';
import { keptUpdates, mapServiceRequest } from './map.js';
import { requestUpdateSchema, type RequestUpdate } from './schema.js';
import {
  firstWindow,
  halve,
  inWindow,
  nextCursor,
  open311CursorSchema,
  w3c,
  type Open311Cursor,
  type Window,
} from './window.js';
import { open311WriteBack } from './write-back.js';

export const OPEN311_CURSOR_TAG = 'o311v1';

interface Stamped extends Versioned {
  raw: unknown;
}

/** A failure of one request's own GET that says nothing about the others: kept as that record's failure. */
const isolatable = (err: unknown) =>
  isConnectorError(err) &&
  err.status !== undefined &&
  (err.code === 'TRANSIENT' || err.code === 'INVALID_PAYLOAD' || err.code === 'NOT_FOUND');

export function createOpen311Connector(config: Open311Config, context: ConnectorContext): Connector {
  const system = context.name;
  const { clock, logger } = context;
  // Windows end on the server's clock (its Date headers), so a server behind ours loses nothing.
  const skew = createSkewWatch(system, Math.max(config.window.overlapSeconds, 60) * 1000, logger);
  const http = clientFromSettings(system, config.baseUrl, config.http, clock, undefined, skew);
  const auth = createAuthenticator(config.auth, { http, secret: context.secret, clock, system });
  const api = createOpen311Api(config, auth, context.secret, system);
  const status = statusLookup(config.statusMap);
  let warnedFilters = false;

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

  /**
   * A server that ignores start_date/end_date answers with whatever it likes (its latest N).
   * Its answer is cut to the window here, and said once: older history than it returns cannot be read.
   */
  function clientSide(items: Stamped[], window: Window, what: string): { items: Stamped[]; ignored: boolean } {
    const kept = items.filter((i) => inWindow(i.ms, window));
    if (kept.length === items.length) return { items, ignored: false };
    if (!warnedFilters) {
      warnedFilters = true;
      logger.warn(
        {
          source: system,
          resource: what,
          returned: items.length,
          inWindow: kept.length,
          window: { start: w3c(window.startMs), end: w3c(window.endMs) },
        },
        'the server ignores start_date/end_date: its answers are cut to each window here, and only what it returns at all (often its latest requests) can be imported',
      );
    }
    return { items: kept, ignored: true };
  }

  /** Requests and updates of one window; a window that hits the server's cap is halved until it fits. */
  async function fetchWindow(cursor: Open311Cursor, ts: TimestampOptions, signal?: AbortSignal) {
    let window: Window | undefined = firstWindow(cursor, config.window.days, ts.now);
    for (;;) {
      const [start, end] = [w3c(window.startMs), w3c(window.endMs)];
      const requests = clientSide(
        stamp(
          await api.requests(start, end, signal),
          'service_request_id',
          'requested_datetime',
          'updated_datetime',
          ts,
        ),
        window,
        'requests',
      );
      const updates = config.updates.enabled
        ? clientSide(
            stamp(
              await api.updates(start, end, signal),
              'update_id',
              'updated_datetime',
              'updated_datetime',
              ts,
              'update:',
            ),
            window,
            'servicerequestupdates',
          )
        : { items: [], ignored: false };
      const full =
        (requests.items.length >= config.maxResults && !requests.ignored) ||
        (updates.items.length >= config.maxResults && !updates.ignored);
      if (!full) return { window, requests: requests.items, updates: updates.items };
      const smaller = halve(window);
      if (!smaller)
        throw new ConnectorError(
          'INVALID_PAYLOAD',
          `${system}: more than ${config.maxResults} results within one second at ${start}; raise maxResults if the server allows`,
        );
      window = smaller;
    }
  }

  function groupUpdates(stamped: readonly Stamped[]): Map<string, RequestUpdate[]> {
    const byRequest = new Map<string, RequestUpdate[]>();
    for (const u of stamped) {
      const parsed = requestUpdateSchema.safeParse(u.raw);
      // An update that cannot be read is not a complaint of its own: it stays with the log line.
      if (!parsed.success) {
        logger.warn(
          { source: system, updateId: u.id, issue: parsed.error.issues[0]?.message },
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

  async function pull(cursor: string | null, options: { signal?: AbortSignal } = {}): Promise<PullPage> {
    const state: Open311Cursor =
      cursor === null
        ? { start: config.window.start, seen: [] }
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
    const read = await fetchWindow(state, { ...ts, now: serverNow }, options.signal);
    const { requests, updates } = read;
    const answeredNow = sourceNow(now.getTime(), http.offsetMs());
    const window = {
      ...read.window,
      endMs: Math.max(read.window.startMs, Math.min(read.window.endMs, answeredNow)),
    };
    const updatesByRequest = groupUpdates(unseen(updates, state.seen));
    const mapContext = { rules: config.records, now, status };

    const records: PulledRecord[] = [];
    const inThisWindow = new Set<string>();
    for (const r of unseen(requests, state.seen)) {
      inThisWindow.add(r.id);
      records.push(mapServiceRequest(r.raw, updatesByRequest.get(r.id) ?? [], mapContext));
    }
    // Requests that changed in this window but were filed earlier: fetch their current state.
    // One that cannot be read is that record's failure; the window still moves on.
    const changedOnly = [...updatesByRequest.keys()].filter((id) => !inThisWindow.has(id));
    const fetched = await mapLimit(changedOnly, config.http.concurrency, async (id): Promise<PulledRecord> => {
      const kept = { service_request_id: id, updates: updatesByRequest.get(id) };
      try {
        const raw = await api.request(id, options.signal);
        if (raw === undefined)
          return { ok: false, externalId: id, raw: kept, reason: `request ${id} of an update was not found` };
        return mapServiceRequest(raw, updatesByRequest.get(id) ?? [], mapContext);
      } catch (err) {
        if (!isolatable(err)) throw err;
        const error = err as ConnectorError;
        logger.warn(
          { source: system, requestId: id, code: error.code, status: error.status },
          "a request of an update could not be read; kept as that record's failure",
        );
        return {
          ok: false,
          externalId: id,
          raw: kept,
          reason: `request ${id} could not be read (${error.code}${error.status ? ` ${error.status}` : ''}); it is fetched again from the quarantine`,
        };
      }
    });
    records.push(...fetched);

    const caughtUp = window.endMs >= answeredNow;
    const next = nextCursor(window, [...requests, ...updates], config.window.overlapSeconds);
    logger.debug(
      { source: system, window: { start: window.startMs, end: window.endMs }, returned: records.length, caughtUp },
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
    return results;
  }

  return {
    name: system,
    kind: 'open311',
    pull,
    refetch,
    // A replayed request is mapped without its updates; the next window brings them again.
    mapRaw: (raw) => mapServiceRequest(raw, [], { rules: config.records, now: clock.now(), status }),
    cursorSince: (since) =>
      encodeCursor(OPEN311_CURSOR_TAG, { start: since.toISOString(), seen: [] } satisfies Open311Cursor),
    health,
    ...open311WriteBack(config, api, { clock, system }),
    close: () => {
      http.close();
      return Promise.resolve();
    },
  };
}
