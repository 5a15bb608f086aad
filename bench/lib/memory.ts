import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fmtBytes } from './format.js';
import type { Section } from './table.js';

export interface MemoryPoint {
  rss: number;
  heapUsed: number;
}

export interface MemoryReport {
  label: string;
  before: MemoryPoint;
  after: MemoryPoint;
  peak: MemoryPoint;
}

/**
 * A full garbage collection when the runtime allows one, so "before" and "after" measure
 * what is retained rather than what the collector has not reached yet. `--expose-gc` can
 * be switched on at run time; the function lives in a fresh context.
 */
let collect: (() => void) | undefined | null;
export function forceGc(): boolean {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
  return collect !== null;
}

function sample(): MemoryPoint {
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

/**
 * Runs `work` while sampling memory every `intervalMs`: before (after a GC), peak (the
 * highest sample, not the kernel's high-water mark, which never comes down between
 * phases), after (after a GC).
 */
export async function measureMemory<T>(
  label: string,
  work: () => Promise<T>,
  intervalMs = 20,
): Promise<{ result: T; memory: MemoryReport }> {
  forceGc();
  const before = sample();
  const peak = { ...before };
  const timer = setInterval(() => {
    const now = sample();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
  }, intervalMs);
  try {
    const result = await work();
    const end = sample();
    peak.rss = Math.max(peak.rss, end.rss);
    peak.heapUsed = Math.max(peak.heapUsed, end.heapUsed);
    forceGc();
    return { result, memory: { label, before, after: sample(), peak } };
  } finally {
    clearInterval(timer);
  }
}

export function memorySection(reports: readonly MemoryReport[]): Section {
  return {
    title: 'memory of the benchmark process',
    headers: ['phase', 'rss before', 'rss peak', 'rss after', 'heap before', 'heap peak', 'heap after'],
    rows: reports.map((m) => [
      m.label,
      fmtBytes(m.before.rss),
      fmtBytes(m.peak.rss),
      fmtBytes(m.after.rss),
      fmtBytes(m.before.heapUsed),
      fmtBytes(m.peak.heapUsed),
      fmtBytes(m.after.heapUsed),
    ]),
    notes: [
      `before and after follow a full GC${forceGc() ? '' : ' (not available here: figures include garbage)'}; peak is the highest of samples taken every 20 ms.`,
      'One process holds the LAPOR sandbox (all its reports in memory), the daemon runtime and its workers, as in embedded sandbox mode.',
    ],
  };
}
