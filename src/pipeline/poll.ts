import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { RequestBudgetSpent, withRequestBudget } from '../connectors/http/request-budget.js';
import type { Connector, PollLimits, PulledRecord } from '../connectors/types.js';
import type { Clock } from '../domain/clock.js';
import { isConnectorError } from '../domain/failures.js';
import { pollJobId, type PollJob } from '../queue/payloads.js';
import { acceptRecords } from './accept.js';
import type { Store } from '../store/store.js';

export interface PollDeps {
  store: Store;
  ingestQueue: Queue;
  clock: Clock;
  connector(source: string): Connector;
  /** Pause between pages, to be polite to the source. */
  pageDelayMs(source: string): number;
  /** What one poll may cost (pages, HTTP requests); `limited` when it stops there. */
  limits(source: string): PollLimits;
  lockTtlMs: number;
}

export interface PollResult {
  /** `limited`: stopped at a politeness limit with the cursor at the last stored page; the next poll goes on. */
  outcome: 'done' | 'interrupted' | 'skipped' | 'limited';
  pages: number;
  records: number;
  invalid: number;
  /** Records the ledger already held as they were: not ingested again. */
  unchanged: number;
  /** Why a `limited` poll stopped. */
  reason?: string;
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
  const begun = await store.polls.begin(job.source, job.lane, pollLockName(job.source, job.lane), deps.lockTtlMs);
  const result: PollResult = {
    outcome: 'skipped',
    pages: 0,
    records: 0,
    invalid: 0,
    unchanged: 0,
  };
  const startedAt = deps.clock.now().toISOString();
  if (!begun) {
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
  const { lock } = begun;
  const connector = deps.connector(job.source);
  try {
    const limits = deps.limits(job.source);
    let cursor = begun.cursor;
    try {
      await withRequestBudget(limits.requestsPerPoll, async () => {
        for (;;) {
          if (ctx.signal.aborted || !lock.held()) {
            result.outcome = 'interrupted';
            return;
          }
          const page = await connector.pull(cursor, { signal: ctx.signal });
          const accepted = await acceptRecords(deps, job.source, page.records, {
            ...(ctx.beforeAccept ? { beforeStore: ctx.beforeAccept } : {}),
            run: pollJobId(job),
          });
          // A poll that found nothing new usually ends where it began: no write then.
          if (page.nextCursor !== cursor) await store.cursors.set(job.source, job.lane, page.nextCursor);
          cursor = page.nextCursor;
          result.pages += 1;
          result.records += accepted.accepted;
          result.invalid += accepted.quarantined;
          result.unchanged += accepted.unchanged;
          ctx.onPage?.({
            pages: result.pages,
            records: result.records,
            invalid: result.invalid,
          });
          if (page.done) {
            result.outcome = 'done';
            return;
          }
          if (result.pages >= limits.pagesPerPoll) {
            result.outcome = 'limited';
            result.reason = `${job.source}: stopped after ${result.pages} pages (limits.pagesPerPoll) without the source saying it was done; the next poll goes on from the saved position. A source that never ends its list may ignore its paging parameter`;
            return;
          }
          const delay = deps.pageDelayMs(job.source);
          if (delay > 0) await deps.clock.sleep(delay, ctx.signal).catch(() => undefined);
        }
      });
    } catch (err) {
      // The page being read when the allowance ran out is not stored: the cursor stays before it.
      if (!(err instanceof RequestBudgetSpent)) throw err;
      result.outcome = 'limited';
      result.reason = err.message;
    }
    if (result.outcome === 'limited')
      ctx.log.warn(
        {
          lane: job.lane,
          pages: result.pages,
          reason: result.reason,
          meaning:
            "this poll stopped at its politeness limit; nothing is skipped (the cursor stays at the last stored page) and the next poll goes on. If every poll stops here, the source may ignore paging: check it (lapor-bridge check SOURCE) or raise the source's limits",
        },
        'sync run stopped at its limit',
      );
    const { reason, ...counts } = result;
    const pushes = await begun.finish(result.records, {
      source: job.source,
      lane: job.lane,
      slot: job.slot,
      startedAt,
      finishedAt: deps.clock.now().toISOString(),
      ...counts,
      ...(reason ? { error: reason } : {}),
    });
    ctx.log.info(
      {
        ...result,
        lane: job.lane,
        fetched: result.records + result.invalid,
        quarantined: result.invalid,
        ...pushes,
        durationMs: Date.parse(deps.clock.now().toISOString()) - Date.parse(startedAt),
      },
      'sync run finished',
    );
    return result;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // The code, not the text, says what the failure means to an operator (src/monitoring/failure-help.ts).
    const code = isConnectorError(err) ? err.code : 'INTERNAL';
    const state = await store.sources.failed(job.source, message, code);
    const pushes = await store.pushTally.take(job.source);
    await store.syncRun({
      source: job.source,
      lane: job.lane,
      slot: job.slot,
      startedAt,
      finishedAt: deps.clock.now().toISOString(),
      ...result,
      ...pushes,
      outcome: 'failed',
      error: message,
      errorCode: code,
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
