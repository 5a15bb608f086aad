import { ConnectorError } from '../../domain/failures.js';
import type { Connector, ConnectorContext, ConnectorDefinition } from '../types.js';
import { LaporClient } from './client.js';
import { laporConfigSchema, type LaporConfig } from './config.js';
import { checkHealth } from './health.js';
import { createSkewWatch } from '../http/clock-offset.js';
import { createMapper } from './map.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { fetchDetail, pullPage } from './pull.js';
import { createComplaint, postResponse } from './write.js';

export type { LaporConfig } from './config.js';

export function createLaporConnector(config: LaporConfig, context: ConnectorContext): Connector {
  const token = context.secret(config.tokenEnv);
  if (!token)
    throw new ConnectorError(
      'AUTH',
      `LAPOR source "${context.name}": the token variable ${config.tokenEnv} is not set`,
    );
  const logger = context.logger.child({ kind: 'lapor' });
  // A run's bound is LAPOR's own time; a clock further off than the look-back is worth a warning.
  const skew = createSkewWatch(Math.max(config.lookBackSeconds, 60) * 1000, logger);
  const client = new LaporClient(config, token, context.clock, skew);
  const mapper = createMapper(config);
  return {
    name: context.name,
    kind: 'lapor',
    async pull(cursor, options) {
      const page = await pullPage(config, client, mapper, context.clock, cursor, options);
      const invalid = page.records.filter((r) => !r.ok).length;
      logger.debug({ records: page.records.length, invalid, done: page.done }, 'lapor page pulled');
      return page;
    },
    mapRaw: (raw) => mapper.map(raw),
    refetch: (trackingId, _kept, options) => fetchDetail(config, client, mapper, trackingId, options),
    // Id "0" sorts before every tracking id, so reports active at `since` itself are included.
    cursorSince: (since) => encodeCursor({ v: 1, t: since.getTime(), id: '0', seen: [] }),
    pullsFrom: (cursor) => {
      const { t } = decodeCursor(cursor);
      return t === undefined ? undefined : new Date(t);
    },
    health: () => checkHealth(config, client),
    createComplaint: (complaint) => createComplaint(config, client, complaint),
    postResponse: (trackingId, response) => postResponse(config, client, trackingId, response),
    async close() {
      client.close();
    },
  };
}

export const laporDefinition: ConnectorDefinition<LaporConfig> = {
  kind: 'lapor',
  configSchema: laporConfigSchema,
  secretsOf: (config) => [config.tokenEnv],
  create: createLaporConnector,
};
