import type { ConnectorDefinition } from '../types.js';
import { fileImportConfigSchema, type FileImportConfig } from './config.js';
import { createFileImportConnector } from './connector.js';

/** Historical CSV/XLSX exports, read as a source whose cursor is the row offset. */
export const fileImportDefinition: ConnectorDefinition<FileImportConfig> = {
  kind: 'file-import',
  configSchema: fileImportConfigSchema,
  secretsOf: () => [],
  create: createFileImportConnector,
};

export { createFileImportConnector } from './connector.js';
export { fileImportConfigSchema, formatOf, COLUMN_KEYS, type FileImportConfig } from './config.js';
export { detectEncoding } from './encoding.js';
export { openRows, type Cell, type RowStream } from './rows.js';
export { fingerprintOf } from './fingerprint.js';
