import { SingleBar, Presets } from 'cli-progress';
import { startIngestWorker } from '../app/workers/index.js';
import { pollLockName, pollSource, type PollResult } from '../pipeline/poll.js';
import { pollJobId, slotOf } from '../queue/payloads.js';
import type { Lane } from '../store/cursors.js';
import { cliText } from './text.js';
import type { CommandContext } from './with-runtime.js';

/**
 * Polls one source now, in this process, with an ingest worker of its own so the records
 * reach the ledger even when no daemon runs (a running daemon shares the work). When the
 * daemon is polling the same source at that moment, it waits for that poll (up to 2 minutes)
 * and polls after it. Returns when the poll is done and the ingest queue has drained.
 */
export async function runPollNow(
  { runtime, lifecycle }: CommandContext,
  source: string,
  lane: Lane,
  progress: boolean,
  hooks: Pick<Parameters<typeof pollSource>[2], 'beforeAccept'> = {},
): Promise<PollResult> {
  startIngestWorker(runtime, lifecycle);
  const abort = new AbortController();
  lifecycle.add('interrupt poll', () => abort.abort(new Error('interrupted')));
  const bar =
    progress && process.stderr.isTTY
      ? new SingleBar(
          {
            format: cliText(runtime.config).cli.sync.progress,
            hideCursor: true,
            stream: process.stderr,
          },
          Presets.shades_classic,
        )
      : undefined;
  bar?.start(1, 0, { pages: 0, records: 0, invalid: 0 });
  const job = { source, lane, slot: `manual-${slotOf(runtime.clock.now())}` };
  const done = { pages: 0, records: 0, invalid: 0 };
  try {
    let result: PollResult;
    // A backfill or an import reads a whole history: a poll that stops at its page or request
    // limit is followed by the next one at once, under the operator's eyes (progress bar, Ctrl-C).
    for (let waited = false; ;) {
      result = await pollSource(runtime.pollDeps, job, {
        ...hooks,
        signal: abort.signal,
        log: runtime.logger.child({ source, jobId: pollJobId(job) }),
        onPage: (p) => {
          const sum = {
            pages: done.pages + p.pages,
            records: done.records + p.records,
            invalid: done.invalid + p.invalid,
          };
          bar?.setTotal(sum.pages + 1);
          bar?.update(sum.pages, sum);
        },
      });
      // The daemon is polling this source right now: wait for it to finish, then poll after it.
      if (result.outcome === 'skipped' && !waited && !abort.signal.aborted) {
        waited = true;
        if (await pollFinished(runtime, source, lane, abort.signal)) continue;
      }
      done.pages += result.pages;
      done.records += result.records;
      done.invalid += result.invalid;
      if (result.outcome !== 'limited' || lane === 'live' || abort.signal.aborted) break;
    }
    result = { ...result, ...done };
    bar?.update(result.pages + 1);
    await waitForIngest(runtime, abort.signal);
    return result;
  } finally {
    bar?.stop();
  }
}

/** How long a command waits for another process's poll of the same source to end. */
const WAIT_FOR_OTHER_POLL_MS = 120_000;

async function pollFinished(
  runtime: CommandContext['runtime'],
  source: string,
  lane: Lane,
  signal: AbortSignal,
): Promise<boolean> {
  const deadline = Date.now() + WAIT_FOR_OTHER_POLL_MS;
  while (!signal.aborted && Date.now() < deadline) {
    if ((await runtime.store.lockRemainingMs(pollLockName(source, lane))) <= 0) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function waitForIngest(runtime: CommandContext['runtime'], signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    const counts = await runtime.queues.ingest.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if (Object.values(counts).every((n) => n === 0)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}
