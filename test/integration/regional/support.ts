import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../../src/config/load.js';
import { createConnector } from '../../../src/connectors/registry.js';
import type { Connector, PulledRecord } from '../../../src/connectors/types.js';
import type { Clock } from '../../../src/domain/clock.js';
import type { ComplaintDraft } from '../../../src/domain/draft.js';
import { captureLogger } from '../../support/logger.js';

export const PRESETS_DIR = fileURLToPath(new URL('../../../config/presets/', import.meta.url));

/** Real time, but Retry-After waits return at once so fault tests stay fast. */
export const impatientClock: Clock = { now: () => new Date(), sleep: () => Promise.resolve() };

/** A connector built exactly as the daemon would: the preset file, then only environment changes. */
export function presetConnector(
  file: string,
  source: string,
  env: Record<string, string>,
  clock: Clock = impatientClock,
): Connector {
  const { config } = loadConfig({ file: `${PRESETS_DIR}${file}`, env });
  const sourceConfig = config.sources[source];
  if (!sourceConfig) throw new Error(`preset ${file} has no source ${source}`);
  return createConnector(sourceConfig, {
    name: source,
    logger: captureLogger().logger,
    clock,
    secret: (name) => env[name],
  });
}

export interface PullResult {
  records: PulledRecord[];
  cursor: string;
  pages: number;
}

/** Pulls until the connector says done, as the poll worker does. */
export async function pullAll(connector: Connector, cursor: string | null = null, maxPages = 200): Promise<PullResult> {
  const records: PulledRecord[] = [];
  let current = cursor;
  for (let pages = 1; pages <= maxPages; pages++) {
    const page = await connector.pull(current);
    records.push(...page.records);
    current = page.nextCursor;
    if (page.done) return { records, cursor: current, pages };
  }
  throw new Error(`not done after ${maxPages} pages`);
}

export function drafts(records: readonly PulledRecord[]): ComplaintDraft[] {
  return records.flatMap((r) => (r.ok ? [r.draft] : []));
}

export function byId(records: readonly PulledRecord[]): Map<string, ComplaintDraft> {
  return new Map(drafts(records).map((d) => [d.externalId, d]));
}

export async function admin(url: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${url}/_sandbox${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
