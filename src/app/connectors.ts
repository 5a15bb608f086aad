import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import { createConnector } from '../connectors/registry.js';
import type { Connector } from '../connectors/types.js';
import type { Clock } from '../domain/clock.js';

/** One connector per enabled source, by name. */
export function createConnectors(
  config: Config,
  deps: { logger: Logger; clock: Clock; secret(name: string): string | undefined },
): Map<string, Connector> {
  const connectors = new Map<string, Connector>();
  for (const [name, source] of Object.entries(config.sources)) {
    if (!source.enabled) continue;
    connectors.set(
      name,
      createConnector(source, {
        name,
        logger: deps.logger,
        clock: deps.clock,
        secret: deps.secret,
      }),
    );
  }
  return connectors;
}

/** Sources that hold the records a cross-reference system names: by source name or by kind. */
export function sourcesOfSystem(config: Config, system: string): string[] {
  return Object.entries(config.sources)
    .filter(([name, source]) => name === system || source.kind === system)
    .map(([name]) => name);
}
