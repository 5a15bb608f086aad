import type { ConnectorDefinition } from '../types.js';
import { secretsOfAuth } from '../http/auth.js';
import { open311ConfigSchema, type Open311Config } from './config.js';
import { createOpen311Connector } from './connector.js';

/**
 * Open311 GeoReport v2, with mySociety's servicerequestupdates extension when switched on.
 * The api_key is sent only when writing: answers and statuses (updates extension) or
 * forwarded complaints; a source that is only read needs no key.
 */
export const open311Definition: ConnectorDefinition<Open311Config> = {
  kind: 'open311',
  configSchema: open311ConfigSchema,
  secretsOf: (config) => [
    ...(config.apiKeyEnv && config.updates.enabled ? [config.apiKeyEnv] : []),
    ...secretsOfAuth(config.auth),
  ],
  create: createOpen311Connector,
};

export { createOpen311Connector, OPEN311_CURSOR_TAG } from './connector.js';
export { open311ConfigSchema, type Open311Config } from './config.js';
