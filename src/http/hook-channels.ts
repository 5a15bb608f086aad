import type { Config } from '../config/schema.js';
import type { Connector } from '../connectors/types.js';
import type { HookChannel } from './hooks.js';

/** The enabled sources with a `webhook` section, each with its connector and its secret. */
export function webhookChannels(
  config: Config,
  connectors: ReadonlyMap<string, Connector>,
  secret: (name: string) => string | undefined,
): HookChannel[] {
  const channels: HookChannel[] = [];
  for (const [name, source] of Object.entries(config.sources)) {
    const connector = connectors.get(name);
    if (!source.webhook || !connector) continue;
    const value = secret(source.webhook.secretEnv);
    // validate-config refuses a missing secret before this; an inbox without one must not open.
    if (!value) throw new Error(`sources.${name}.webhook: the secret ${source.webhook.secretEnv} is not set`);
    channels.push({ name, connector, secret: value, config: source.webhook });
  }
  return channels;
}
