import { loadavg } from 'node:os';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { withCpuProfile, withHeapProfile } from '../lib/profiles.js';
import type { LaporSandbox } from '../../src/sandbox/lapor/index.js';
import type { CommandStat, CpuReport } from '../lib/cpu.js';
import { fmtBytes, fmtCount, fmtMs, fmtRate, fmtRatio, fmtWholeMs } from '../lib/format.js';
import { loadLaporConfig, openBenchPipeline } from '../lib/lapor-pipeline.js';
import { redisFootprint, type KindFootprint } from '../lib/redis-footprint.js';
import { deletePrefix } from '../lib/redis-prefix.js';
import type { LoadResult } from '../lib/load.js';
import type { Section } from '../lib/table.js';
import { runBareBullmq, type BareJob, type BareRun } from './bare-bullmq.js';
import { runPoll, type PollRun } from './poll-run.js';
import { measureRecordWork, RECORD_WORK_LEAVES_OUT } from './record-work.js';
import { sampleRecords } from './sample-records.js';

/** The benchmark's own checks of the server are not the pipeline's calls. */
const OWN_COMMANDS = new Set(['info', 'memory', 'scan', 'unlink', 'xlen']);

/** Commands Redis executed during a run (commandstats: calls inside Lua scripts count too), the benchmark's own left out, most called first. */
export function pipelineCommands(cpu: CpuReport): CommandStat[] {
  return cpu.commands.filter((c) => !OWN_COMMANDS.has(c.command)).sort((a, b) => b.calls - a.calls);
}

export function commandCount(cpu: CpuReport): number {
  return pipelineCommands(cpu).reduce((sum, c) => sum + c.calls, 0);
}

function traffic(label: string, cpu: CpuReport, records: number): string {
  const n = Math.max(1, records);
  const io = cpu.redisIo;
  return `${label} in ${fmtBytes(io.inBytes / n)}, out ${fmtBytes(io.outBytes / n)}, ${(io.reads / n).toFixed(2)} reads`;
}

function topCommands(cpu: CpuReport, items: number, n = 8): string {
  return pipelineCommands(cpu)
    .filter((c) => c.calls / items >= 0.005)
    .slice(0, n)
    .map((c) => `${c.command} ${(c.calls / items).toFixed(2)}`)
    .join(', ');
}

export interface PipelineThroughput {
  first: PollRun;
  /** Cursor reset, same data read again, completed ingest jobs still retained. */
  retained: PollRun;
  /** The same after the completed ingest jobs are gone: every record ingested again, found unchanged. */
  expired: PollRun;
  /** INFO memory used_memory after the first poll minus before it. */
  usedMemoryDelta: number;
  footprint: KindFootprint[];
  /** UTF-8 bytes of complaint text (as sent, and cleaned) per complaint, from a sample of the ledger. */
  textBytes: number;
  loadAtStart: number;
}

export interface ThroughputRound {
  bare: BareRun[];
  pipeline: PipelineThroughput;
  /** A new record's CPU work alone on one core, no I/O (record-work.ts): the most one ingest process could do. */
  ceiling: LoadResult;
}

async function usedMemory(redis: Redis): Promise<number> {
  return Number(/^used_memory:(\d+)/m.exec(await redis.info('memory'))?.[1] ?? Number.NaN);
}

/** Where the pipeline reads LAPOR: the sandbox, in a process of its own. */
type LaporAt = Pick<LaporSandbox, 'url' | 'token' | 'instansiId'>;

async function pipelineRun(
  sandbox: LaporAt,
  logger: Logger,
  redisUrl: string,
  admin: Redis,
  prefix: string,
  concurrency: number,
  pageSize: number,
  timeoutMs: number,
): Promise<PipelineThroughput> {
  const loaded = loadLaporConfig(sandbox, { redisUrl, prefix, ingestConcurrency: concurrency, pageSize });
  const pipe = await openBenchPipeline(loaded, logger);
  try {
    const loadAtStart = loadavg()[0]!;
    const before = await usedMemory(admin);
    const first = await runPoll(pipe, admin, 'tp-first', 'throughput, first poll', timeoutMs, 250);
    const usedMemoryDelta = (await usedMemory(admin)) - before;
    const footprint = await redisFootprint(admin, prefix);
    const { ledger } = pipe.runtime.store;
    let text = 0;
    let sampled = 0;
    for (const id of await ledger.ids(0, 500)) {
      const c = await ledger.get(id);
      if (!c) continue;
      text += Buffer.byteLength(c.rawBody) + Buffer.byteLength(c.body) + Buffer.byteLength(c.title ?? '');
      sampled += 1;
    }
    await pipe.runtime.store.cursors.reset('lapor', 'live');
    const retained = await runPoll(pipe, admin, 'tp-retained', 'throughput, re-poll, jobs retained', timeoutMs, 250);
    await pipe.runtime.queues.ingest.clean(0, 0, 'completed');
    await pipe.runtime.store.cursors.reset('lapor', 'live');
    const expired = await runPoll(pipe, admin, 'tp-expired', 'throughput, re-poll, jobs expired', timeoutMs, 250);
    return {
      first,
      retained,
      expired,
      usedMemoryDelta,
      footprint,
      textBytes: sampled ? text / sampled : 0,
      loadAtStart,
    };
  } finally {
    await pipe.stop();
    await deletePrefix(admin, prefix);
  }
}

export interface ThroughputOptions {
  redisUrl: string;
  admin: Redis;
  rounds: number;
  concurrency: number;
  pageSize: number;
  timeoutMs: number;
  /** Jobs per bare BullMQ run; the records the sandbox delivers, so both sides do the same count. */
  jobs: number;
  /** Records the ceiling is measured on, and its timed passes over them. */
  stageRecords: number;
  stagePasses: number;
}

/**
 * BENCH_CPU_PROFILE=file: a V8 CPU profile of each round's pipeline run (file.r<round>.cpuprofile);
 * BENCH_HEAP_PROFILE=file: a sampling heap profile of it (file.r<round>.heapprofile). One at a time.
 */
function profileOf(round: number, kind: 'cpu' | 'heap'): string | undefined {
  const file = kind === 'cpu' ? process.env.BENCH_CPU_PROFILE : process.env.BENCH_HEAP_PROFILE;
  return file ? `${file}.r${round}.${kind}profile` : undefined;
}

/**
 * Bare BullMQ (no-op and one HSET) and the pipeline end-to-end, on a Redis of the run's own,
 * alternating per round (A B C, C B A, …) so a change of load hits every side alike.
 */
export async function runThroughputRounds(
  sandbox: LaporAt,
  logger: Logger,
  o: ThroughputOptions,
): Promise<ThroughputRound[]> {
  const rounds: ThroughputRound[] = [];
  const kinds: BareJob[] = ['no-op', 'one HSET of 1 KB'];
  const sample = await sampleRecords(sandbox, logger, o.redisUrl, o.stageRecords);
  await sample.connector.close();
  for (let r = 0; r < o.rounds; r++) {
    const bare: BareRun[] = [];
    let pipeline: PipelineThroughput | undefined;
    let ceiling: LoadResult | undefined;
    const steps: (() => Promise<void>)[] = [
      async () => void (ceiling = measureRecordWork(sample, o.stagePasses)),
      ...kinds.map(
        (k, i) => async () =>
          void bare.push(
            await runBareBullmq(o.redisUrl, o.admin, `lbbench-bare${i}-r${r}`, k, o.jobs, o.pageSize, o.timeoutMs),
          ),
      ),
      async () =>
        void (pipeline = await withHeapProfile(profileOf(r, 'heap'), () =>
          withCpuProfile(profileOf(r, 'cpu'), () =>
            pipelineRun(
              sandbox,
              logger,
              o.redisUrl,
              o.admin,
              `lbbench-tp-r${r}`,
              o.concurrency,
              o.pageSize,
              o.timeoutMs,
            ),
          ),
        )),
    ];
    for (const step of r % 2 === 0 ? steps : steps.reverse()) await step();
    rounds.push({ bare: kinds.map((k) => bare.find((b) => b.job === k)!), pipeline: pipeline!, ceiling: ceiling! });
  }
  return rounds;
}

function best<T>(items: readonly T[], rate: (t: T) => number): T {
  return items.reduce((a, b) => (rate(b) > rate(a) ? b : a));
}

export function throughputSection(rounds: readonly ThroughputRound[], concurrency: number): Section {
  const noop = best(
    rounds.map((r) => r.bare[0]!),
    (b) => b.perSecond,
  );
  const hset = best(
    rounds.map((r) => r.bare[1]!),
    (b) => b.perSecond,
  );
  const pipe = best(
    rounds.map((r) => r.pipeline),
    (p) => p.first.perSecond,
  );
  const bareRow = (b: BareRun) => [
    `bare BullMQ, ${b.job} (baseline)`,
    fmtCount(b.jobs),
    fmtWholeMs(b.elapsedMs),
    fmtRate(b.perSecond),
    fmtRatio(b.perSecond, hset.perSecond),
    fmtRatio(b.perSecond, noop.perSecond),
    (commandCount(b.cpu) / b.jobs).toFixed(1),
    fmtWholeMs(b.timings.queuedToDoneMs.p50),
    fmtWholeMs(b.timings.queuedToDoneMs.p95),
    fmtWholeMs(b.timings.queuedToDoneMs.p99),
  ];
  const ceiling = best(
    rounds.map((r) => r.ceiling),
    (c) => c.perSecond,
  );
  const f = pipe.first;
  return {
    title: 'throughput: the pipeline against bare BullMQ on the same Redis',
    headers: [
      'run',
      'records',
      'elapsed',
      'records/s',
      '× bare HSET',
      '× bare no-op',
      'redis commands/record',
      'queued→done p50',
      'p95',
      'p99',
    ],
    rows: [
      bareRow(noop),
      bareRow(hset),
      [
        `pipeline: LAPOR sandbox (a process of its own) → poll → ingest → ledger (ingest concurrency ${concurrency})`,
        fmtCount(f.records),
        fmtWholeMs(f.drainMs),
        fmtRate(f.perSecond),
        fmtRatio(f.perSecond, hset.perSecond),
        fmtRatio(f.perSecond, noop.perSecond),
        (commandCount(f.cpu) / Math.max(1, f.records)).toFixed(1),
        fmtWholeMs(f.ingest.queuedToDoneMs.p50),
        fmtWholeMs(f.ingest.queuedToDoneMs.p95),
        fmtWholeMs(f.ingest.queuedToDoneMs.p99),
      ],
      [
        "ceiling: a new record's CPU work alone, one core, no I/O (the pipeline's own functions)",
        fmtCount(ceiling.ops),
        fmtWholeMs(ceiling.elapsedMs),
        fmtRate(ceiling.perSecond),
        fmtRatio(ceiling.perSecond, hset.perSecond),
        fmtRatio(ceiling.perSecond, noop.perSecond),
        '–',
        '–',
        '–',
        '–',
      ],
    ],
    notes: [
      "A redis-server of this run's own (loopback, no persistence), so commandstats and used_memory count nothing but the run. The machine's other load still counts: see the load average per round.",
      'bare BullMQ: one job per record, addBulk in pages as the poll adds them, one Worker, concurrency 100, completed jobs kept as the daemon keeps them; elapsed runs from the first addBulk to the last job finished.',
      'pipeline: elapsed runs from the poll enqueued to the last ingest job finished; queued→done is per ingest job (its raw records stored → its ledger writes done).',
      "redis commands: INFO commandstats difference over the run divided by records; commands run inside Lua scripts (BullMQ's and the ledger's) count as well as the script call.",
      `redis traffic per record (INFO stats: bytes received, bytes sent, socket reads, each one client write arriving): ${[
        traffic('no-op', noop.cpu, noop.jobs),
        traffic('HSET', hset.cpu, hset.jobs),
        traffic('pipeline', f.cpu, f.records),
      ].join('; ')}.`,
      `ceiling (bench/scenarios/record-work.ts): LAPOR list items the sandbox served, each parsed from JSON and mapped, stored and read back as a raw record, its draft checked, the complaint built and encoded, its dedup document and buckets made and up to 32 candidates (the index's rule, in memory) scored, one after the other on this process's one thread; ${fmtRate(ceiling.perSecond)} records/s is ${fmtMs(1000 / ceiling.perSecond)} of CPU per record, so no single ingest process can pass it, whatever Redis does. Left out: ${RECORD_WORK_LEAVES_OUT}. ${fmtRatio(f.perSecond, ceiling.perSecond)} of it is what the pipeline reached.`,
      `rounds, alternating; records/s of each: ${rounds.map((r, i) => `round ${i + 1} (load ${r.pipeline.loadAtStart.toFixed(2)}): no-op ${fmtRate(r.bare[0]!.perSecond)}, HSET ${fmtRate(r.bare[1]!.perSecond)}, pipeline ${fmtRate(r.pipeline.first.perSecond)}, ceiling ${fmtRate(r.ceiling.perSecond)}`).join('; ')}. The table shows the fastest of each.`,
    ],
  };
}

export function costSection(rounds: readonly ThroughputRound[]): Section {
  const pipe = best(
    rounds.map((r) => r.pipeline),
    (p) => p.first.perSecond,
  );
  const row = (label: string, run: PollRun) => {
    const n = Math.max(1, run.records);
    return [
      label,
      fmtCount(run.records),
      fmtCount(run.ingest.jobs),
      fmtCount(run.ledgerWrites),
      (commandCount(run.cpu) / n).toFixed(1),
      fmtRate(run.perSecond),
      topCommands(run.cpu, n),
    ];
  };
  const records = Math.max(1, pipe.first.records);
  const perComplaint = pipe.usedMemoryDelta / records;
  const byKind = pipe.footprint.map((k) => `${k.kind} ${fmtBytes(k.bytes / records)}`).join(', ');
  return {
    title: 'cost per record: redis commands and memory',
    headers: [
      'case',
      'records',
      'ingest jobs',
      'ledger writes',
      'redis commands/record',
      'records/s',
      'most called, per record',
    ],
    rows: [
      row('new complaints (first poll)', pipe.first),
      row('unchanged, re-delivered, ingest jobs retained', pipe.retained),
      row('unchanged, re-delivered, ingest jobs expired', pipe.expired),
    ],
    notes: [
      `redis memory per complaint (INFO used_memory after the first poll minus before, ÷ records): ${fmtBytes(perComplaint)}; its text (as sent, cleaned, title) ${fmtBytes(pipe.textBytes)}; beyond the text ${fmtBytes(perComplaint - pipe.textBytes)}.`,
      `by key kind (MEMORY USAGE ÷ records, completed jobs retained): ${byKind}.`,
      `every command of the first poll, per new complaint: ${topCommands(pipe.first.cpu, records, Infinity)}.`,
      'Re-delivered: the cursor is reset and the source read again; ledger writes must be 0 but for the reports the push stage changed on LAPOR meanwhile (an answer sent to the other reports of its case: a newer version, status and responses changed).',
    ],
  };
}
