import { ConnectorError, isConnectorError } from '../../domain/failures.js';
import { createAuthenticator } from '../http/auth.js';
import { clientFromSettings } from '../http/settings.js';
import type { Connector, ConnectorContext, HealthCheckResult, PulledRecord, PullPage } from '../types.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { parseTimestamp, type TimestampOptions } from '../common/timestamp.js';
import { mapLimit } from '../common/pool.js';
import { toId } from '../common/values.js';
import { statusLookup } from '../common/status-lookup.js';
import { createOpen311Api } from './api.js';
import type { Open311Config } from './config.js';
import { mapServiceRequest } from './map.js';
import { requestUpdateSchema, type RequestUpdate } from './schema.js';
import { firstWindow, freshAtStart, halve, nextCursor, open311CursorSchema, type Open311Cursor, type Window } from './window.js';
import { open311WriteBack } from './write-back.js';

export const OPEN311_CURSOR_TAG = 'o311v1';

interface Stamped<T> {
  id: string;
  ms: number | undefined;
  raw: T;
}

export function createOpen311Connector(config: Open311Config, context: ConnectorContext): Connector {
  const system = context.name;
  const { clock, logger } = context;
  const http = clientFromSettings(system, config.baseUrl, config.http, clock);
  const auth = createAuthenticator(config.auth, { http, secret: context.secret, clock, system });
  const api = createOpen311Api(config, auth, context.secret, system);
  const status = statusLookup(config.statusMap);

  function stamp(items: unknown[], idKey: string, timeKey: string, ts: TimestampOptions): Stamped<unknown>[] {
    return items.map((raw) => {
      const record = (raw ?? {}) as Record<string, unknown>;
      const time = parseTimestamp(record[timeKey], ts);
      return { id: toId(record[idKey]) ?? '', ms: time.ok ? time.ms : undefined, raw };
    });
  }

  /** Requests and updates of one window; a window that hits the server's cap is halved until it fits. */
  async function fetchWindow(cursor: Open311Cursor, ts: TimestampOptions, signal?: AbortSignal) {
    let window: Window | undefined = firstWindow(cursor, config.window.days, ts.now);
    for (;;) {
      const [startIso, endIso] = [new Date(window.startMs).toISOString(), new Date(window.endMs).toISOString()];
      const requests = await api.requests(startIso, endIso, signal);
      const updates = config.updates.enabled ? await api.updates(startIso, endIso, signal) : [];
      if (requests.length < config.maxResults && updates.length < config.maxResults) return { window, requests, updates };
      const smaller = halve(window);
      if (!smaller) throw new ConnectorError('INVALID_PAYLOAD', `${system}: more than ${config.maxResults} results within one second at ${startIso}; raise maxResults if the server allows`);
      window = smaller;
    }
  }

  async function pull(cursor: string | null, options: { signal?: AbortSignal } = {}): Promise<PullPage> {
    const state: Open311Cursor = cursor === null ? { start: config.window.start, seenRequests: [], seenUpdates: [] } : decodeCursor(OPEN311_CURSOR_TAG, cursor, open311CursorSchema, system);
    const now = clock.now();
    const ts: TimestampOptions = { defaultOffset: config.records.defaultOffset, dayFirst: config.records.dayFirst, now };
    const { window, requests, updates } = await fetchWindow(state, ts, options.signal);
    const stampedRequests = stamp(requests, 'service_request_id', 'requested_datetime', ts);
    const stampedUpdates = stamp(updates, 'update_id', 'updated_datetime', ts);
    const freshRequests = freshAtStart(stampedRequests, window, state.seenRequests);
    const freshUpdates = freshAtStart(stampedUpdates, window, state.seenUpdates);

    const records: PulledRecord[] = [];
    const updatesByRequest = new Map<string, RequestUpdate[]>();
    for (const u of freshUpdates) {
      const parsed = requestUpdateSchema.safeParse(u.raw);
      // An update that cannot be read is not a complaint of its own: it stays with the log line.
      if (!parsed.success) {
        logger.warn({ source: system, updateId: u.id, issue: parsed.error.issues[0]?.message }, 'skipped unreadable service request update');
        continue;
      }
      updatesByRequest.set(parsed.data.service_request_id, [...(updatesByRequest.get(parsed.data.service_request_id) ?? []), parsed.data]);
    }
    const mapContext = { rules: config.records, now, status };
    const inWindow = new Set<string>();
    for (const r of freshRequests) {
      inWindow.add(r.id);
      records.push(mapServiceRequest(r.raw, updatesByRequest.get(r.id) ?? [], mapContext));
    }
    // Requests that changed in this window but were filed earlier: fetch their current state.
    const changedOnly = [...updatesByRequest.keys()].filter((id) => !inWindow.has(id));
    const fetched = await mapLimit(changedOnly, config.http.concurrency, async (id): Promise<PulledRecord> => {
      try {
        const raw = await api.request(id, options.signal);
        if (raw === undefined) return { ok: false, externalId: id, raw: { updates: updatesByRequest.get(id) }, reason: `request ${id} of an update was not found` };
        return mapServiceRequest(raw, updatesByRequest.get(id) ?? [], mapContext);
      } catch (err) {
        if (isConnectorError(err) && err.code === 'NOT_FOUND') return { ok: false, externalId: id, raw: { updates: updatesByRequest.get(id) }, reason: `request ${id} of an update was not found` };
        throw err;
      }
    });
    records.push(...fetched);

    const caughtUp = window.endMs >= now.getTime();
    const next = nextCursor(window, stampedRequests, stampedUpdates, caughtUp, config.window.overlapSeconds);
    logger.debug({ source: system, window: { start: window.startMs, end: window.endMs }, returned: records.length, caughtUp }, 'pulled window');
    return { records, nextCursor: encodeCursor(OPEN311_CURSOR_TAG, next), done: caughtUp };
  }

  async function health(): Promise<HealthCheckResult[]> {
    try {
      const services = await api.services();
      return [{ check: 'services', ok: true, detail: `${services.length} service(s) offered` }];
    } catch (err) {
      return [{ check: 'services', ok: false, detail: isConnectorError(err) ? `${err.code}: ${err.message}` : String(err) }];
    }
  }

  return {
    name: system,
    kind: 'open311',
    pull,
    // A replayed request is mapped without its updates; the next window brings them again.
    mapRaw: (raw) => mapServiceRequest(raw, [], { rules: config.records, now: clock.now(), status }),
    cursorSince: (since) => encodeCursor(OPEN311_CURSOR_TAG, { start: since.toISOString(), seenRequests: [], seenUpdates: [] } satisfies Open311Cursor),
    health,
    ...open311WriteBack(config, api, { clock, system }),
    close: () => {
      http.close();
      return Promise.resolve();
    },
  };
}
