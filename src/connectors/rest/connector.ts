import { ConnectorError, isConnectorError } from '../../domain/failures.js';
import { addressCheck } from '../http/client.js';
import { createAuthenticator } from '../http/auth.js';
import { createSkewWatch } from '../http/clock-offset.js';
import { clientFromSettings } from '../http/settings.js';
import type { Connector, ConnectorContext, HealthCheckResult, PulledRecord, PullPage } from '../types.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { getFirst, getPath } from '../common/dot-path.js';
import { parseTimestamp } from '../common/timestamp.js';
import { renderPath } from '../common/template.js';
import { toId } from '../common/values.js';
import type { RestConfig } from './config.js';
import { enrichItems } from './enrich.js';
import { mapRecord, type MapContext } from './map.js';
import {
  advance,
  itemDigest,
  requestParams,
  restCursorSchema,
  unseen,
  type ItemKey,
  type RestCursor,
} from './paging.js';
import { statusResolver } from './status.js';
import { writeBackMethods } from './write-back.js';

export const REST_CURSOR_TAG = 'rest1';

export function createRestConnector(config: RestConfig, context: ConnectorContext): Connector {
  const system = context.name;
  const { clock, logger } = context;
  const http = clientFromSettings(system, config.baseUrl, config.http, clock, config.headers);
  const auth = createAuthenticator(config.auth, { http, secret: context.secret, clock, system });
  const { paging } = config.list;
  const keyPaths =
    (paging.style !== 'cursor' ? paging.sinceField : undefined) ?? config.fields.updatedAt ?? config.fields.reportedAt;
  const status = statusResolver(config.status);

  function keyOf(item: unknown, now: Date): ItemKey {
    const ts = parseTimestamp(getFirst(item, keyPaths), {
      defaultOffset: config.records.defaultOffset,
      dayFirst: config.records.dayFirst,
      now,
    });
    return { id: toId(getFirst(item, config.fields.id)), ms: ts.ok ? ts.ms : undefined, digest: itemDigest(item) };
  }

  // Windows overlap by the paging margin; a source clock further off than that is reported.
  const skew = createSkewWatch(('overlapSeconds' in paging ? paging.overlapSeconds || 300 : 300) * 1000, logger);

  async function pull(cursor: string | null, options: { signal?: AbortSignal } = {}): Promise<PullPage> {
    const state: RestCursor = cursor === null ? {} : decodeCursor(REST_CURSOR_TAG, cursor, restCursorSchema, system);
    const sentAt = clock.now().getTime();
    const { data, headers } = await auth.request({
      method: 'GET',
      url: config.list.path,
      params: { ...config.list.query, ...requestParams(paging, state) },
      signal: options.signal,
    });
    skew.observe(headers, sentAt, clock.now().getTime());
    const items = config.list.itemsPath ? getPath(data, config.list.itemsPath) : data;
    if (!Array.isArray(items))
      throw new ConnectorError(
        'INVALID_PAYLOAD',
        `${system}: GET ${config.list.path} has no list at ${config.list.itemsPath ?? 'the top of the body'}`,
      );

    const now = clock.now();
    const keys = items.map((item) => keyOf(item, now));
    const { next, done, reread, upTo } = advance(paging, state, keys, data, system);
    // The previous page served again for this position: asked once more, nothing new in it.
    const keep = (next.repeated && !state.repeated ? [] : unseen(paging, state, keys)).filter(
      (i) => upTo === undefined || i < upTo,
    );
    if (reread)
      logger.warn(
        {
          passes: reread.passes,
          reason: reread.reason,
          meaning:
            'the bridge reads again so that no record is skipped; it costs requests only. If it repeats on every poll, check the source paging (lapor-bridge check SOURCE)',
        },
        upTo === undefined
          ? 'the list shifted during the pass; reading the same window again'
          : 'a record of the page could not be read; asking the list again from before it',
      );
    const enriched = await enrichItems(
      keep.map((i) => items[i]),
      keep.map((i) => keys[i]!.id),
      config,
      auth,
      options.signal,
    );
    const mapContext: MapContext = { fields: config.fields, rules: config.records, now, status };
    const records: PulledRecord[] = enriched.map(({ item, failure, retry }) => {
      if (failure === undefined) return mapRecord(item, mapContext);
      const externalId = toId(getFirst(item, config.fields.id));
      return {
        ok: false,
        ...(externalId === undefined ? {} : { externalId }),
        raw: item,
        reason: failure,
        ...(retry ? { retry } : {}),
      };
    });
    logger.debug(
      {
        received: items.length,
        returned: records.length,
        rejected: records.filter((r) => !r.ok).length,
        done,
      },
      'pulled page',
    );
    return { records, nextCursor: encodeCursor(REST_CURSOR_TAG, next), done };
  }

  async function refetch(
    externalId: string,
    kept: unknown,
    options: { signal?: AbortSignal } = {},
  ): Promise<PulledRecord> {
    let item = kept;
    const { detail } = config.list;
    if (detail) {
      const { data } = await auth.request({
        method: 'GET',
        url: renderPath(detail.path, { id: externalId }),
        signal: options.signal,
      });
      item = detail.docPath ? getPath(data, detail.docPath) : data;
    }
    const [enriched] = await enrichItems([item], [externalId], config, auth, options.signal);
    const { failure, retry } = enriched!;
    if (failure !== undefined)
      return { ok: false, externalId, raw: enriched!.item, reason: failure, ...(retry ? { retry } : {}) };
    return mapRecord(enriched!.item, { fields: config.fields, rules: config.records, now: clock.now(), status });
  }

  async function health(): Promise<HealthCheckResult[]> {
    try {
      await auth.request({
        method: 'GET',
        url: config.list.path,
        params: { ...config.list.query, [paging.sizeParam]: 1 },
      });
      return [{ check: 'list', ok: true, detail: `GET ${config.list.path} answered` }, ...addressCheck(http)];
    } catch (err) {
      const detail = isConnectorError(err) ? `${err.code}: ${err.message}` : String(err);
      return [{ check: 'list', ok: false, detail }, ...addressCheck(http)];
    }
  }

  return {
    name: system,
    kind: 'rest',
    classifies: config.fields.classification !== undefined,
    pull,
    refetch,
    mapRaw: (raw) => mapRecord(raw, { fields: config.fields, rules: config.records, now: clock.now(), status }),
    // A token-paged API cannot be asked by date: its backfill reads from the start.
    cursorSince: (since) =>
      paging.style === 'cursor'
        ? null
        : encodeCursor(REST_CURSOR_TAG, { since: since.toISOString() } satisfies RestCursor),
    // The next pass asks from `since` (a pass's pages may come in any order of change: not `hw`).
    pullsFrom: (cursor) => {
      const { since } = decodeCursor(REST_CURSOR_TAG, cursor, restCursorSchema, system);
      return since === undefined ? undefined : new Date(since);
    },
    health,
    ...writeBackMethods(config.writeBack, { auth, clock, system }),
    close: () => {
      http.close();
      return Promise.resolve();
    },
  };
}
