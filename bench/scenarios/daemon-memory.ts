import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { LaporSandbox } from '../../src/sandbox/lapor/index.js';
import { createStore } from '../../src/store/store.js';
import setupCliBundle from '../../test/global-setup.js';
import { imageEnv, imageNodeFlags } from '../../test/container/dockerfile.js';
import { CLI_BUNDLE, ROOT } from '../../test/support/cli-bundle.js';
import { freePort } from '../lib/private-redis.js';
import { fmtBytes, fmtCount, fmtWholeMs } from '../lib/format.js';
import { loadLaporConfig, openBenchPipeline, writeLaporConfig } from '../lib/lapor-pipeline.js';
import { waitForIdle } from '../lib/queue-watch.js';
import type { Section } from '../lib/table.js';
import { fill, NOW } from './rekap-period.js';
import { stopProcesses } from './scale-out.js';

const PREFIX = 'lbbench-daemon';
const PASSWORD = 'bench-daemon-memory';
/** Samples of the daemon's resident memory, this often. */
const SAMPLE_MS = 200;

interface Phase {
  name: string;
  ms: number;
  peakRss: number;
  endRss: number;
}

export interface DaemonMemory {
  size: number;
  fillMs: number;
  redisPerComplaint: number;
  ingested: number;
  phases: Phase[];
  heapUsed: number;
  load: number;
  /** Each request of the rekap phase and how long it took. */
  requests: { path: string; ms: number }[];
}

/** VmRSS of a process, in bytes (Linux). */
function rssOf(pid: number): number {
  try {
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : Number.NaN;
  } catch {
    return Number.NaN; // exited between the check and the read
  }
}

async function usedMemory(redis: Redis): Promise<number> {
  return Number(/^used_memory:(\d+)/m.exec(await redis.info('memory'))?.[1] ?? Number.NaN);
}

/** Signals the daemon to write a heap snapshot and waits until the file is complete. */
async function heapSnapshot(pid: number, dir: string): Promise<void> {
  const before = new Set(readdirSync(dir));
  process.kill(pid, 'SIGUSR2');
  let size = -1;
  for (;;) {
    await new Promise((r) => setTimeout(r, 2000));
    const file = readdirSync(dir).find((f) => !before.has(f) && f.endsWith('.heapsnapshot'));
    if (!file) continue;
    const now = statSync(join(dir, file)).size;
    if (now === size) return;
    size = now;
  }
}

/** Whether the audit stream holds a `model_trained` entry (the routing service writes one per training). */
async function trained(redis: Pick<Redis, 'xrevrange'>, key: string): Promise<boolean> {
  const entries = await redis.xrevrange(key, '+', '-', 'COUNT', 200);
  return entries.some(([, flat]) => flat.includes('model_trained'));
}

async function until(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
  daemon?: ChildProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (daemon && (daemon.exitCode !== null || daemon.signalCode !== null))
      throw new Error(`daemon-memory: the daemon exited (${daemon.exitCode ?? daemon.signalCode}) waiting for ${what}`);
    if (Date.now() > deadline) throw new Error(`daemon-memory: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * The daemon as it runs in production (the CLI bundle the tests start, `lapor-bridge start`,
 * a process of its own) on a ledger of `size` complaints written beforehand, its resident
 * memory sampled from /proc through: start, a first poll of the bench's LAPOR sandbox into
 * that ledger, rekaps of a month (kept and cold) and metrics scrapes, then a quiet spell.
 */
export async function measureDaemonMemory(
  sandbox: LaporSandbox,
  logger: Logger,
  o: { redisUrl: string; admin: Redis; size: number; timeoutMs: number },
): Promise<DaemonMemory> {
  await o.admin.flushdb();
  const { Redis: Client } = await import('ioredis');
  const redis = new Client(o.redisUrl);
  let fillMs: number;
  let redisPerComplaint: number;
  try {
    const before = await usedMemory(o.admin);
    const store = createStore(redis, PREFIX, { now: () => NOW, sleep: async () => {} }, { failingAfter: 3 });
    fillMs = await fill(redis, store, o.size);
    redisPerComplaint = ((await usedMemory(o.admin)) - before) / o.size;
  } finally {
    redis.disconnect();
  }

  await setupCliBundle();
  const port = await freePort();
  // Polled at start (pipeline.pollOnStart) and when the bench asks, never by the schedule
  // meanwhile; the routing model trained every minute, the first training over the whole ledger.
  const settings = {
    redisUrl: o.redisUrl,
    prefix: PREFIX,
    ingestConcurrency: 8,
    pageSize: 100,
    schedule: '0 0 1 1 *',
    extra: { routing: { retrainSchedule: '* * * * *' } },
  };
  const file = writeLaporConfig(sandbox, settings);
  // BENCH_HEAP_SNAPSHOT=dir: the daemon writes a heap snapshot there at the end (SIGUSR2).
  const snapshotDir = process.env.BENCH_HEAP_SNAPSHOT;
  const snapshotFlags = snapshotDir ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${snapshotDir}`] : [];
  // BENCH_DAEMON_FLAGS: node's own flags for the daemon, those NODE_OPTIONS does not take (--trace-gc); its stdout is shown then.
  const flags = process.env.BENCH_DAEMON_FLAGS?.split(' ').filter(Boolean) ?? [];
  const memory = daemonMemory();
  const child = spawn(
    process.execPath,
    [...memory.flags, ...snapshotFlags, ...flags, CLI_BUNDLE, 'start', '--config', file],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        LAPOR_TOKEN: sandbox.token,
        LAPOR_BRIDGE_HTTP_PORT: String(port),
        LAPOR_BRIDGE_DASHBOARD_PASSWORD: PASSWORD,
        LAPOR_BRIDGE__LOGGING__LEVEL: 'warn',
        ...memory.env,
      },
      stdio: ['ignore', flags.length > 0 ? 'inherit' : 'ignore', 'inherit'],
    },
  );
  // A run that ends otherwise (Ctrl-C, a crash) takes the daemon with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const samples: number[] = [];
  const sampler = setInterval(() => {
    if (child.pid && child.exitCode === null && child.signalCode === null) {
      const rss = rssOf(child.pid);
      if (Number.isFinite(rss)) samples.push(rss);
    }
  }, SAMPLE_MS);
  const phases: Phase[] = [];
  let mark = { at: Date.now(), sample: 0 };
  const endPhase = (name: string) => {
    const taken = samples.slice(mark.sample);
    phases.push({
      name,
      ms: Date.now() - mark.at,
      peakRss: Math.max(...taken),
      endRss: taken[taken.length - 1] ?? Number.NaN,
    });
    mark = { at: Date.now(), sample: samples.length };
  };
  const base = `http://127.0.0.1:${port}`;
  const auth = { authorization: `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}` };
  const requests: { path: string; ms: number }[] = [];
  const get = async (path: string) => {
    const started = Date.now();
    const res = await fetch(`${base}${path}`, { headers: auth });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`daemon-memory: GET ${path} answered ${res.status}`);
    requests.push({ path, ms: Date.now() - started });
  };
  const load = loadavg()[0]!;
  // The bench's own runtime only enqueues the poll and watches the queues: it runs no worker.
  const watcher = await openBenchPipeline(loadLaporConfig(sandbox, settings), logger, false);
  try {
    const { ledger } = watcher.runtime.store;
    const { poll, ingest } = watcher.runtime.queues;
    await until(async () => (await fetch(`${base}/readyz`)).status === 200, 120_000, 'the daemon to be ready', child);
    // pipeline.pollOnStart: the daemon polls LAPOR as it starts.
    await until(async () => (await ledger.count()) > o.size, o.timeoutMs, 'the first poll to write', child);
    await waitForIdle([poll, ingest], o.timeoutMs, 250);
    const ingested = (await ledger.count()) - o.size;
    endPhase(`start and its first poll: ${fmtCount(ingested)} LAPOR reports into the ledger`);

    await watcher.runtime.enqueuePoll('lapor', 'live', 'daemon-memory');
    await waitForIdle([poll, ingest], o.timeoutMs, 250);
    endPhase('a poll with nothing new');

    await get('/rekap?month=2026-02');
    for (let i = 0; i < 5; i++) await get('/rekap?month=2026-03');
    endPhase('rekap of two months (one cold), 5 kept rekaps');
    for (let i = 0; i < 5; i++) await get('/metrics');
    endPhase('5 metrics scrapes (the first reads a year of due dates)');

    await new Promise((r) => setTimeout(r, 10_000));
    endPhase('10 s idle');

    // The first training may have begun during the phases above; this one ends when it is done.
    await until(
      async () => await trained(watcher.runtime.redis, watcher.runtime.store.keys.audit()),
      o.timeoutMs,
      'a routing model trained',
      child,
    );
    endPhase(
      `until the first routing training (routing.maxExamples ${fmtCount(watcher.runtime.config.routing.maxExamples)}) is done`,
    );
    // The longest period a request may name: 366 days and the 366 before it for the trend, all
    // cold; after the training, which would otherwise overlap it.
    await get('/rekap?from=2025-03-31&to=2026-03-31');
    endPhase('rekap of 366 days (cold, and the 366 before it)');
    // The same again: every day's summary now stored, read and parsed a month at a time.
    await get('/rekap?from=2025-03-31&to=2026-03-31');
    endPhase('the same 366 days again (their summaries stored)');
    if (snapshotDir) await heapSnapshot(child.pid!, snapshotDir);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    const heapUsed = Number(
      /^lapor_bridge_nodejs_heap_size_used_bytes(?:\{[^}]*\})? (\S+)/m.exec(metrics)?.[1] ?? Number.NaN,
    );
    return { size: o.size, fillMs, redisPerComplaint, ingested, phases, heapUsed, load, requests };
  } finally {
    clearInterval(sampler);
    process.removeListener('exit', killOnExit);
    await stopProcesses([child]);
    await watcher.stop();
    await o.admin.flushdb();
  }
}

/** The image's environment that shapes the daemon's memory: V8's heap, glibc's malloc arenas. */
const MEMORY_ENV = ['NODE_OPTIONS', 'MALLOC_ARENA_MAX'] as const;

/**
 * The daemon's memory settings as the image runs it: node's flags in its CMD, and its ENV
 * for the names above. BENCH_DAEMON_<NAME> replaces one (empty: unset, e.g. V8's own heap
 * sizing); BENCH_DAEMON_NODE_OPTIONS replaces the CMD's flags as well.
 */
function daemonMemory(): { flags: string[]; env: Partial<Record<(typeof MEMORY_ENV)[number], string>> } {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const image = imageEnv(text);
  const env: Partial<Record<(typeof MEMORY_ENV)[number], string>> = {};
  for (const name of MEMORY_ENV) {
    const value = process.env[`BENCH_DAEMON_${name}`] ?? image[name] ?? '';
    if (value !== '') env[name] = value;
  }
  return { flags: process.env.BENCH_DAEMON_NODE_OPTIONS === undefined ? imageNodeFlags(text) : [], env };
}

/** "--flag … NAME=value …", or what is left at its default. */
function describeMemory(): string {
  const { flags, env } = daemonMemory();
  const set = [...flags, ...Object.entries(env).map(([name, value]) => `${name}=${value}`)];
  const image = MEMORY_ENV.every((name) => process.env[`BENCH_DAEMON_${name}`] === undefined);
  return `${set.length > 0 ? `with ${set.join(' ')}` : "with V8's default heap sizing and glibc's default arenas"}${image ? ' (as the image runs it)' : ''}`;
}

export function daemonMemorySection(m: DaemonMemory): Section {
  return {
    title: `daemon memory on a ledger of ${fmtCount(m.size)} complaints`,
    headers: ['phase', 'took', 'RSS peak', 'RSS at its end'],
    rows: m.phases.map((p) => [p.name, fmtWholeMs(p.ms), fmtBytes(p.peakRss), fmtBytes(p.endRss)]),
    notes: [
      `The daemon is \`lapor-bridge start\` (the CLI bundle the tests start) in a process of its own ${describeMemory()}, its VmRSS sampled every ${SAMPLE_MS} ms; live heap at the end ${fmtBytes(m.heapUsed)} (its /metrics). Load average (1 min) at its start: ${m.load.toFixed(2)}.`,
      `The ledger: ${fmtCount(m.size)} generated complaints written through Ledger.writePage in ${fmtWholeMs(m.fillMs)} (the rekap scenario's generator, 500 a day back from ${NOW.toISOString().slice(0, 10)}), ${fmtBytes(m.redisPerComplaint)} of Redis each; then the first poll of the bench's LAPOR sandbox.`,
      `Requests, in order: ${m.requests.map((r) => `${r.path} ${fmtWholeMs(r.ms)}`).join(', ')}.`,
      'Target (issue 15): RSS ≤ 300 MB at 1,000,000 complaints.',
    ],
  };
}
