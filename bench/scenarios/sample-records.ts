import type { Logger } from 'pino';
import type { Connector } from '../../src/connectors/types.js';
import { systemClock } from '../../src/domain/clock.js';
import type { ComplaintDraft } from '../../src/domain/draft.js';
import { createConnectors } from '../../src/app/connectors.js';
import type { LaporSandbox } from '../../src/sandbox/lapor/index.js';
import { loadLaporConfig } from '../lib/lapor-pipeline.js';
import { PAGE_SIZE } from './end-to-end.js';

export interface SampleRecords {
  connector: Connector;
  /** LAPOR list items exactly as the sandbox sent them. */
  raws: unknown[];
  /** What the LAPOR connector made of them. */
  drafts: ComplaintDraft[];
}

/**
 * Real inputs for the pure-stage and ledger scenarios: pages pulled from the sandbox by the
 * daemon's own LAPOR connector (no Redis involved), up to `limit` valid records.
 */
export async function sampleRecords(
  sandbox: Pick<LaporSandbox, 'url' | 'token' | 'instansiId'>,
  logger: Logger,
  redisUrl: string,
  limit: number,
): Promise<SampleRecords> {
  const loaded = loadLaporConfig(sandbox, {
    redisUrl,
    prefix: 'lbbench-unused',
    ingestConcurrency: 1,
    pageSize: PAGE_SIZE,
  });
  const connector = createConnectors(loaded.config, { logger, clock: systemClock, secret: loaded.secret }).get('lapor');
  if (!connector) throw new Error('the lapor source was not created');
  const raws: unknown[] = [];
  const drafts: ComplaintDraft[] = [];
  let cursor: string | null = null;
  // Bounded: every page either ends the run or moves the cursor forward.
  for (let page = 0; page < Math.ceil(limit / PAGE_SIZE) + 1000 && drafts.length < limit; page++) {
    const pulled = await connector.pull(cursor);
    for (const record of pulled.records) {
      if (!record.ok || drafts.length >= limit) continue;
      raws.push(record.raw);
      drafts.push(record.draft);
    }
    cursor = pulled.nextCursor;
    if (pulled.done) break;
  }
  if (drafts.length === 0) throw new Error('the sandbox returned no valid records');
  return { connector, raws, drafts };
}
