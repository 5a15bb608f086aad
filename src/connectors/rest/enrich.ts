import type { Authenticator } from '../http/auth.js';
import { isConnectorError } from '../../domain/failures.js';
import { getPath } from '../common/dot-path.js';
import { mapLimit } from '../common/pool.js';
import { renderPath } from '../common/template.js';
import type { RestConfig } from './config.js';

export interface Enriched {
  item: unknown;
  /** Why the record cannot be completed (a required detail is missing or refused). */
  failure?: string;
  /** The failure is passing: fetch the record again later. */
  retry?: boolean;
  error?: unknown;
}

/**
 * Fetches each record's follow-up documents (handling record, timeline, comments) and
 * attaches them, so the raw record kept by the pipeline is complete enough to replay.
 * Calls are isolated per record: a missing or refused document fails only its record, and
 * a passing failure (5xx, timeout, 429) marks only its record for a later fetch while the
 * page and the cursor move on. Only when every record of the page failed that way is the
 * source taken as down and the page failed (retried whole); auth failures fail the page.
 */
export async function enrichItems(
  items: readonly unknown[],
  ids: readonly (string | undefined)[],
  config: Pick<RestConfig, 'enrich' | 'http'>,
  auth: Authenticator,
  signal?: AbortSignal,
): Promise<Enriched[]> {
  if (config.enrich.length === 0) return items.map((item) => ({ item }));
  const enriched = await mapLimit(items, config.http.concurrency, async (item, index): Promise<Enriched> => {
    const id = ids[index];
    if (id === undefined || item === null || typeof item !== 'object' || Array.isArray(item)) return { item };
    let record = item as Record<string, unknown>;
    for (const spec of config.enrich) {
      try {
        const { data } = await auth.request({ method: 'GET', url: renderPath(spec.path, { id }), signal });
        record = { ...record, [spec.as]: spec.docPath ? getPath(data, spec.docPath) : data };
      } catch (err) {
        if (!isConnectorError(err)) throw err;
        if (err.code === 'NOT_FOUND' && spec.optional) continue;
        if (err.code === 'NOT_FOUND' || err.code === 'INVALID_PAYLOAD')
          return { item: record, failure: `${spec.as}: ${err.message}` };
        if (err.code === 'TRANSIENT' || err.code === 'RATE_LIMITED')
          return { item, failure: `${spec.as}: ${err.message}`, retry: true, error: err };
        throw err;
      }
    }
    return { item: record };
  });
  const passing = enriched.filter((e) => e.retry);
  if (passing.length > 0 && passing.length === enriched.length) throw passing[0]!.error;
  return enriched.map(({ error: _error, ...rest }) => rest);
}
