import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startLaporSandbox } from '../../src/sandbox/lapor/index.js';

/**
 * The LAPOR sandbox a benchmark writes to, in this process or in a child process of its own
 * (as LAPOR is another machine for the daemon: its CPU is not the daemon's). Reports are
 * made with the answering unit set; `onMarker` tells when a timeline entry carrying a
 * benchmark marker (`[label-n]`) was stored, in milliseconds since the epoch (sub-ms, the
 * same clock in both processes).
 */
export interface BenchLapor {
  url: string;
  token: string;
  instansiId: string;
  where: 'in this process' | 'in a process of its own';
  /** New reports disposed to the instansi and with `unit` (the OPD that may answer them). */
  reports(count: number, unit: string): Promise<string[]>;
  onMarker(listener: (trackingId: string, marker: string, atEpochMs: number) => void): () => void;
  close(): Promise<void>;
}

export const MARKER = /\[[a-z]+-\d+\]/;

export const epochNow = (): number => performance.timeOrigin + performance.now();

/** The sandbox in this process: its server shares the event loop with the pipeline it measures. */
export async function laporInProcess(): Promise<BenchLapor> {
  const sandbox = await startLaporSandbox({ reports: 0 });
  return {
    url: sandbox.url,
    token: sandbox.token,
    instansiId: sandbox.instansiId,
    where: 'in this process',
    reports: async (count, unit) =>
      Array.from({ length: count }, () => {
        const trackingId = sandbox.addReport({ disposed: true });
        sandbox.act(trackingId, { action: 'proses', unit });
        return trackingId;
      }),
    onMarker: (listener) =>
      sandbox.onTimelineEntry((trackingId, entry) => {
        const marker = MARKER.exec(entry.note)?.[0];
        if (marker !== undefined) listener(trackingId, marker, epochNow());
      }),
    close: () => sandbox.close(),
  };
}

type FromChild =
  | { type: 'ready'; url: string; token: string; instansiId: string }
  | { type: 'reports'; request: number; trackingIds: string[] }
  | { type: 'markers'; seen: [string, string, number][] };

/** Reports seeded at start, as the throughput scenario reads them: same seed, same reports, a clock that stands still. */
export interface SeededReports {
  reports: number;
  seed: number;
  /** The sandbox's fixed "now" (ISO 8601). */
  now: string;
  pageSize: number;
}

/**
 * The sandbox in a child process (bench/lib/bench-lapor-child.ts); markers come back in batches,
 * each with its own time. With `seeded`, it starts with those reports (else with none).
 */
export async function laporProcess(seeded?: SeededReports): Promise<BenchLapor> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./bench-lapor-child.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, BENCH_LAPOR_SEEDED: seeded ? JSON.stringify(seeded) : '' },
  });
  const listeners = new Set<(trackingId: string, marker: string, atEpochMs: number) => void>();
  const pending = new Map<number, (ids: string[]) => void>();
  let requests = 0;
  const ready = new Promise<Extract<FromChild, { type: 'ready' }>>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the LAPOR sandbox process exited (code ${code})`)));
    child.on('message', (message: FromChild) => {
      if (message.type === 'ready') resolve(message);
      else if (message.type === 'reports') pending.get(message.request)?.(message.trackingIds);
      else for (const [id, marker, at] of message.seen) for (const l of listeners) l(id, marker, at);
    });
  });
  const info = await ready;
  return {
    url: info.url,
    token: info.token,
    instansiId: info.instansiId,
    where: 'in a process of its own',
    reports: (count, unit) =>
      new Promise((resolve) => {
        const request = ++requests;
        pending.set(request, resolve);
        child.send({ type: 'reports', request, count, unit });
      }),
    onMarker: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
