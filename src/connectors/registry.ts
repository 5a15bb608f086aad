import { z } from 'zod';
import { fileImportDefinition } from './file-import/index.js';
import { laporDefinition } from './lapor/index.js';
import { open311Definition } from './open311/index.js';
import { restDefinition } from './rest/index.js';
import type { Connector, ConnectorContext, ConnectorDefinition, SourceBase } from './types.js';
import { webhookSecrets, type WebhookConfig } from './webhook-config.js';

/**
 * The explicit list of connector kinds. This is the only place that knows them all;
 * everything else works through the Connector interface.
 */
export const CONNECTOR_DEFINITIONS: readonly ConnectorDefinition[] = [
  laporDefinition,
  restDefinition,
  open311Definition,
  fileImportDefinition,
];

export function definitionOf(kind: string): ConnectorDefinition {
  const def = CONNECTOR_DEFINITIONS.find((d) => d.kind === kind);
  if (!def)
    throw new Error(`unknown connector kind "${kind}" (known: ${CONNECTOR_DEFINITIONS.map((d) => d.kind).join(', ')})`);
  return def;
}

/** Schema of one `sources.<name>` entry: a union over every kind, told apart by `kind`. */
export function sourceConfigSchema(): z.ZodType<SourceBase> {
  const schemas = CONNECTOR_DEFINITIONS.map((d) => d.configSchema as unknown as z.ZodObject);
  if (schemas.length === 0) return z.never();
  if (schemas.length === 1) return schemas[0] as unknown as z.ZodType<SourceBase>;
  return z.discriminatedUnion(
    'kind',
    schemas as unknown as [z.ZodObject, z.ZodObject, ...z.ZodObject[]],
  ) as unknown as z.ZodType<SourceBase>;
}

/** A connector's log lines name its source: bound here, once, never repeated by a line. */
export function createConnector(config: { kind: string }, context: ConnectorContext): Connector {
  return definitionOf(config.kind).create(config, {
    ...context,
    logger: context.logger.child({ source: context.name }),
  });
}

/** Every environment variable a source needs: its connector's and its webhook's. */
export function secretsOf(config: { kind: string; webhook?: WebhookConfig }): string[] {
  return [...definitionOf(config.kind).secretsOf(config), ...webhookSecrets(config)];
}
