import { performance } from 'node:perf_hooks';
import { schedstat } from './cpu.js';
import { ratePerSecond, summarize, type Summary } from './stats.js';

export interface LoadResult {
  ops: number;
  elapsedMs: number;
  perSecond: number;
  latencyMs: Summary;
  /** Share of the elapsed time the event loop was ready but other processes held the cores; undefined off Linux. */
  waitingForCpu?: number;
}

/** Run-queue wait of the event loop over a measured stretch, as a share of it. */
function waitingShare(before: [number, number] | undefined, elapsedMs: number): { waitingForCpu?: number } {
  const after = schedstat();
  return before && after && elapsedMs > 0 ? { waitingForCpu: (after[1] - before[1]) / 1e6 / elapsedMs } : {};
}

/**
 * Runs `op(i)` for i in 0..total-1 with `concurrency` operations in flight, timing each.
 * The loop is bounded by `total`; an error in any op stops the run and is thrown.
 */
export async function runConcurrent(
  total: number,
  concurrency: number,
  op: (i: number) => Promise<unknown>,
): Promise<LoadResult> {
  const latencies = new Array<number>(total);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < total; i = next++) {
      const started = performance.now();
      await op(i);
      latencies[i] = performance.now() - started;
    }
  };
  const sched = schedstat();
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, total)) }, lane));
  const elapsedMs = performance.now() - started;
  return {
    ops: total,
    elapsedMs,
    perSecond: ratePerSecond(total, elapsedMs),
    latencyMs: summarize(latencies),
    ...waitingShare(sched, elapsedMs),
  };
}

/**
 * Times a synchronous step over `inputs`: one warm-up pass, then `passes` untimed-per-call
 * passes for throughput, then one pass timing each call for percentiles (per-call timing
 * costs tens of nanoseconds, so it is kept out of the throughput figure).
 */
export function runSync<I>(inputs: readonly I[], passes: number, step: (input: I) => unknown): LoadResult {
  let sink = 0;
  const consume = (v: unknown) => {
    if (v !== undefined && v !== null) sink++;
  };
  for (const input of inputs) consume(step(input));
  const sched = schedstat();
  const started = performance.now();
  for (let p = 0; p < passes; p++) for (const input of inputs) consume(step(input));
  const elapsedMs = performance.now() - started;
  const waiting = waitingShare(sched, elapsedMs);
  const latencies = inputs.map((input) => {
    const t = performance.now();
    consume(step(input));
    return performance.now() - t;
  });
  const ops = inputs.length * passes;
  // `sink` keeps the results observable so the engine cannot drop the calls.
  if (sink < 0) throw new Error('unreachable');
  return { ops, elapsedMs, perSecond: ratePerSecond(ops, elapsedMs), latencyMs: summarize(latencies), ...waiting };
}
