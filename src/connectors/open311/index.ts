import type { ConnectorDefinition } from '../types.js';
import { secretsOfAuth } from '../http/auth.js';
import { open311ConfigSchema, type Open311Config } from './config.js';
import { createOpen311Connector } from './connector.js';

/** Open311 GeoReport v2 with the servicerequestupdates extension. */
export const open311Definition: ConnectorDefinition<Open311Config> = {
  kind: 'open311',
  configSchema: open311ConfigSchema,
  secretsOf: (config) => [...(config.apiKeyEnv ? [config.apiKeyEnv] : []), ...secretsOfAuth(config.auth)],
  create: createOpen311Connector,
};

export { createOpen311Connector, OPEN311_CURSOR_TAG } from './connector.js';
export { open311ConfigSchema, type Open311Config } from './config.js';
