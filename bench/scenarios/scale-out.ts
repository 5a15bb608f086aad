import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { startPollWorker } from '../../src/app/workers/poll-worker.js';
import type { LaporSandbox } from '../../src/sandbox/lapor/index.js';
import { fmtCount, fmtRate, fmtRatio, fmtWholeMs } from '../lib/format.js';
import { loadLaporConfig, openBenchPipeline } from '../lib/lapor-pipeline.js';
import { deletePrefix } from '../lib/redis-prefix.js';
import type { Section } from '../lib/table.js';
import { runPoll, type PollRun } from './poll-run.js';

const ENTRY = fileURLToPath(new URL('../ingest-process.ts', import.meta.url));

export interface ScaleOutRun {
  processes: number;
  run: PollRun;
  load: number;
}

function startWorkerProcess(args: object): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, JSON.stringify(args)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`ingest process exited with ${code} before it was ready`)));
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve(child);
    });
  });
}

/** Stops the processes (SIGTERM, SIGKILL after 15 s) and waits for them to exit. */
export async function stopProcesses(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null) return resolve();
          const timer = setTimeout(() => c.kill('SIGKILL'), 15_000);
          c.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          c.kill('SIGTERM');
        }),
    ),
  );
}

/**
 * The same first poll, its ingest done by 1, 2 and 4 worker processes (each the daemon's
 * runtime with only an ingest worker) on one Redis; this process polls. A fresh ledger per run.
 */
export async function measureScaleOut(
  sandbox: LaporSandbox,
  logger: Logger,
  o: {
    redisUrl: string;
    admin: Redis;
    concurrency: number;
    pageSize: number;
    timeoutMs: number;
    processes: readonly number[];
  },
): Promise<ScaleOutRun[]> {
  const out: ScaleOutRun[] = [];
  for (const processes of o.processes) {
    const prefix = `lbbench-scale-${processes}`;
    const loaded = loadLaporConfig(sandbox, {
      redisUrl: o.redisUrl,
      prefix,
      ingestConcurrency: o.concurrency,
      pageSize: o.pageSize,
    });
    const pipe = await openBenchPipeline(loaded, logger, false);
    startPollWorker(pipe.runtime, pipe.lifecycle);
    const children: ChildProcess[] = [];
    try {
      const args = {
        redisUrl: o.redisUrl,
        prefix,
        concurrency: o.concurrency,
        pageSize: o.pageSize,
        sandbox: { url: sandbox.url, token: sandbox.token, instansiId: sandbox.instansiId },
      };
      children.push(...(await Promise.all(Array.from({ length: processes }, () => startWorkerProcess(args)))));
      const load = loadavg()[0]!;
      const run = await runPoll(
        pipe,
        o.admin,
        `scale-${processes}`,
        `scale-out, ${processes} ingest processes`,
        o.timeoutMs,
        250,
      );
      out.push({ processes, run, load });
    } finally {
      await stopProcesses(children);
      await pipe.stop();
      await deletePrefix(o.admin, prefix);
    }
  }
  return out;
}

export function scaleOutSection(runs: readonly ScaleOutRun[]): Section {
  const base = runs[0]!;
  return {
    title: 'scale-out: ingest worker processes on one Redis',
    headers: [
      'ingest processes',
      'records',
      'drain',
      'records/s',
      '× 1 process',
      'redis CPU',
      'redis CPU/record',
      'load average (1 min) at start',
    ],
    rows: runs.map((r) => [
      String(r.processes),
      fmtCount(r.run.records),
      fmtWholeMs(r.run.drainMs),
      fmtRate(r.run.perSecond),
      r === base ? 'baseline' : fmtRatio(r.run.perSecond, base.run.perSecond),
      r.run.cpu.wallMs > 0 ? `${Math.round((100 * r.run.cpu.redisMs) / r.run.cpu.wallMs)}%` : '–',
      `${((1000 * r.run.cpu.redisMs) / Math.max(1, r.run.records)).toFixed(0)} µs`,
      r.load.toFixed(2),
    ]),
    notes: [
      "Each process is the daemon's runtime with only its ingest worker (the configured ingest concurrency each); this process runs the poll. The run's own redis-server, a fresh ledger per row.",
      'Redis CPU near 100% of one core is the ceiling of one Redis; below that, the processes (Node CPU) are, and on a machine with fewer cores than processes they share the same cores.',
    ],
  };
}
