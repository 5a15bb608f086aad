import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { Connector, PulledRecord } from '../connectors/types.js';
import type { Clock } from '../domain/clock.js';
import type { PollJob } from '../queue/payloads.js';
import { acceptRecords } from './accept.js';
import { acquireLock } from '../store/lock.js';
import type { Store } from '../store/store.js';

export interface PollDeps {
  store: Store;
  ingestQueue: Queue;
  clock: Clock;
  connector(source: string): Connector;
  /** Pause between pages, to be polite to the source. */
  pageDelayMs(source: string): number;
  lockTtlMs: number;
}

export interface PollResult {
  outcome: 'done' | 'interrupted' | 'skipped';
  pages: number;
  records: number;
  invalid: number;
}

/** The name of the lease lock that keeps one poll per source and lane at a time. */
export function pollLockName(source: string, lane: string): string {
  return `poll:${source}:${lane}`;
}

export interface PollProgress {
  pages: number;
  records: number;
  invalid: number;
}

/**
 * The sync stage of one source: page through `pull(cursor)`, write every page's raw records
 * and ingest jobs durably, and only THEN advance the cursor. A crash anywhere re-reads at
 * most one page; the ledger makes the re-read harmless.
 */
export async function pollSource(
  deps: PollDeps,
  job: PollJob,
  ctx: {
    signal: AbortSignal;
    log: Logger;
    onPage?: (progress: PollProgress) => void;
    /**
     * Sees each page (after the encoding screen) before it is stored, for a caller's own bookkeeping that must not miss
     * a record the cursor then moves past (an import's tally). A crash re-reads the page, so
     * it must be idempotent.
     */
    beforeAccept?: (records: readonly PulledRecord[]) => Promise<readonly PulledRecord[] | void>;
  },
): Promise<PollResult> {
  const { store } = deps;
  const lock = await acquireLock(store.redis, store.keys.lock(pollLockName(job.source, job.lane)), deps.lockTtlMs);
  const result: PollResult = {
    outcome: 'skipped',
    pages: 0,
    records: 0,
    invalid: 0,
  };
  const startedAt = deps.clock.now().toISOString();
  if (!lock) {
    ctx.log.info('previous poll of this source still running; skipping this slot');
    await store.syncRun({
      source: job.source,
      lane: job.lane,
      slot: job.slot,
      startedAt,
      finishedAt: startedAt,
      ...result,
    });
    return result;
  }
  const connector = deps.connector(job.source);
  try {
    await store.sources.polling(job.source);
    let cursor = await store.cursors.get(job.source, job.lane);
    for (;;) {
      if (ctx.signal.aborted || !lock.held()) {
        result.outcome = 'interrupted';
        break;
      }
      const page = await connector.pull(cursor, { signal: ctx.signal });
      const accepted = await acceptRecords(deps, job.source, page.records, {
        ...(ctx.beforeAccept ? { beforeStore: ctx.beforeAccept } : {}),
      });
      await store.cursors.set(job.source, job.lane, page.nextCursor);
      cursor = page.nextCursor;
      result.pages += 1;
      result.records += accepted.accepted;
      result.invalid += accepted.quarantined;
      ctx.onPage?.({
        pages: result.pages,
        records: result.records,
        invalid: result.invalid,
      });
      if (page.done) {
        result.outcome = 'done';
        break;
      }
      const delay = deps.pageDelayMs(job.source);
      if (delay > 0) await deps.clock.sleep(delay, ctx.signal).catch(() => undefined);
    }
    await store.sources.succeeded(job.source, result.records);
    await store.syncRun({
      source: job.source,
      lane: job.lane,
      slot: job.slot,
      startedAt,
      finishedAt: deps.clock.now().toISOString(),
      ...result,
    });
    ctx.log.info(
      {
        ...result,
        lane: job.lane,
        fetched: result.records + result.invalid,
        quarantined: result.invalid,
        durationMs: Date.parse(deps.clock.now().toISOString()) - Date.parse(startedAt),
      },
      'sync run finished',
    );
    return result;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const state = await store.sources.failed(job.source, message);
    await store.syncRun({
      source: job.source,
      lane: job.lane,
      slot: job.slot,
      startedAt,
      finishedAt: deps.clock.now().toISOString(),
      ...result,
      outcome: 'failed',
      error: message,
    });
    if (state.state === 'failing')
      ctx.log.error(
        {
          failures: state.consecutiveFailures,
          failingSince: state.failingSince,
          error: message,
          meaning:
            "no new complaints arrive from this source until it answers again; the bridge keeps polling on schedule and resumes from the saved position. Check the source's credentials and reachability (lapor-bridge check SOURCE)",
        },
        'source is failing',
      );
    throw err;
  } finally {
    await lock.release();
  }
}
