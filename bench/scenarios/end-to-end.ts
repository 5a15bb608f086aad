import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { LaporSandbox } from '../../src/sandbox/lapor/index.js';
import { fmtBytes, fmtCount, fmtRate, fmtRatio, fmtWholeMs } from '../lib/format.js';
import { loadLaporConfig, openBenchPipeline, type BenchPipeline } from '../lib/lapor-pipeline.js';
import { redisFootprint, type KindFootprint } from '../lib/redis-footprint.js';
import { benchPrefix, deletePrefix } from '../lib/redis-prefix.js';
import type { Section } from '../lib/table.js';
import { fastest } from './pipeline-rounds.js';
import { runPoll, type PollRun } from './poll-run.js';

export const PAGE_SIZE = 100;

export interface FirstPoll {
  concurrency: number;
  run: PollRun;
  footprint: KindFootprint[];
}

export interface FirstPollOptions {
  redisUrl: string;
  /** The benchmark's own connection: footprint and cleanup, outliving the pipeline's. */
  admin: Redis;
  concurrency: number;
  timeoutMs: number;
  /** Runs on the same pipeline after the measured poll, before its keys are deleted (the re-poll scenario). */
  then?: (pipe: BenchPipeline, admin: Redis) => Promise<void>;
}

/** A fresh ledger (own prefix), one poll of everything the sandbox shows, drained by `concurrency` ingest workers. */
export async function measureFirstPoll(
  sandbox: LaporSandbox,
  logger: Logger,
  options: FirstPollOptions,
): Promise<FirstPoll> {
  const prefix = benchPrefix(`e2e-c${options.concurrency}`);
  const loaded = loadLaporConfig(sandbox, {
    redisUrl: options.redisUrl,
    prefix,
    ingestConcurrency: options.concurrency,
    pageSize: PAGE_SIZE,
  });
  const pipe = await openBenchPipeline(loaded, logger);
  try {
    const run = await runPoll(
      pipe,
      options.admin,
      `first-c${options.concurrency}`,
      `end-to-end, ingest concurrency ${options.concurrency}`,
      options.timeoutMs,
    );
    const footprint = await redisFootprint(options.admin, prefix);
    await options.then?.(pipe, options.admin);
    return { concurrency: options.concurrency, run, footprint };
  } finally {
    await pipe.stop();
    await deletePrefix(options.admin, prefix);
  }
}

/** The fastest run of each side, with every round's drain time in a note. */
export function endToEndSection(
  measuredRuns: readonly FirstPoll[],
  baselineRuns: readonly FirstPoll[],
  reports: number,
): Section {
  const measured = fastest(measuredRuns);
  const baseline = fastest(baselineRuns);
  const row = (p: FirstPoll, label: string): string[] => [
    label,
    fmtCount(p.run.records),
    fmtWholeMs(p.run.pollMs),
    fmtWholeMs(p.run.drainMs),
    fmtRate(p.run.perSecond),
    fmtWholeMs(p.run.ingest.queuedToDoneMs.p50),
    fmtWholeMs(p.run.ingest.queuedToDoneMs.p95),
    fmtWholeMs(p.run.ingest.queuedToDoneMs.p99),
    fmtWholeMs(p.run.ingest.serviceMs.p50),
    fmtWholeMs(p.run.ingest.serviceMs.p99),
    p === baseline ? 'baseline' : fmtRatio(p.run.perSecond, baseline.run.perSecond),
  ];
  const drains = (runs: readonly FirstPoll[]) =>
    runs.map((r) => `${fmtWholeMs(r.run.drainMs)}${starved(r.run)}`).join(', ');
  return {
    title: 'end-to-end: LAPOR sandbox → poll → ingest → ledger',
    headers: [
      'ingest concurrency',
      'records',
      'poll',
      'drain',
      'records/s',
      'queued→written p50',
      'p95',
      'p99',
      'ingest work p50',
      'p99',
      '× baseline',
    ],
    rows: [row(measured, String(measured.concurrency)), row(baseline, `${baseline.concurrency} (baseline)`)],
    notes: [
      `${fmtCount(reports)} reports seeded, ${fmtCount(measured.run.records)} records delivered for the instansi, pulled in pages of ${PAGE_SIZE} over real HTTP; fresh ledger per run.`,
      `rounds, alternating, drain of each (and the share of it the event loop spent waiting for a CPU held by other processes): concurrency ${measured.concurrency}: ${drains(measuredRuns)}; concurrency 1: ${drains(baselineRuns)}. The table shows the fastest of each: other load on the machine only adds time.`,
      'poll: the poll job alone (pull, raw records stored, ingest jobs enqueued); drain: poll enqueued → last ledger write.',
      'queued→written: ingest job created (raw record already stored) → job finished (ledger written), from BullMQ job timestamps (whole ms); ingest work: taken by a worker → finished.',
      `outcomes (concurrency ${measured.concurrency}): ${outcomeText(measured.run)}; ledger writes ${fmtCount(measured.run.ledgerWrites)}.`,
    ],
  };
}

function starved(run: PollRun): string {
  const loop = run.cpu.loop;
  return loop && run.cpu.wallMs > 0 ? ` (${Math.round((100 * loop.waitingForCpuMs) / run.cpu.wallMs)}%)` : '';
}

export function outcomeText(run: PollRun): string {
  const entries = Object.entries(run.ingest.outcomes);
  return entries.length ? entries.map(([k, v]) => `${k} ${fmtCount(v)}`).join(', ') : 'no ingest job ran';
}

export function footprintSection(first: FirstPoll): Section {
  const records = Math.max(1, first.run.records);
  const total = first.footprint.reduce((sum, k) => sum + k.bytes, 0);
  return {
    title: 'redis footprint after one poll',
    headers: ['key kind', 'keys', 'bytes', 'bytes/record'],
    rows: [
      ...first.footprint.map((k) => [k.kind, fmtCount(k.keys), fmtBytes(k.bytes), fmtBytes(k.bytes / records)]),
      ['total', fmtCount(first.footprint.reduce((s, k) => s + k.keys, 0)), fmtBytes(total), fmtBytes(total / records)],
    ],
    notes: [
      `MEMORY USAGE of this run's keys for ${fmtCount(first.run.records)} records, completed BullMQ jobs still retained (a day, at most 50,000 per queue).`,
    ],
  };
}
