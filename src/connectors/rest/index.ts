import type { ConnectorDefinition } from '../types.js';
import { secretsOfAuth } from '../http/auth.js';
import { restConfigSchema, type RestConfig } from './config.js';
import { createRestConnector } from './connector.js';

/** Generic REST/JSON connector: a regional system described entirely by configuration. */
export const restDefinition: ConnectorDefinition<RestConfig> = {
  kind: 'rest',
  configSchema: restConfigSchema,
  secretsOf: (config) => secretsOfAuth(config.auth),
  create: createRestConnector,
};

export { createRestConnector, REST_CURSOR_TAG } from './connector.js';
export { restConfigSchema, type RestConfig } from './config.js';
export { bupatiOpdStage } from './presets/bupati-opd-status.js';
