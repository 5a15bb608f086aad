import { fmtCount, fmtMs } from '../lib/format.js';
import type { Section } from '../lib/table.js';
import type { PollRun } from './poll-run.js';

function share(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((100 * part) / whole)}%` : '–';
}

/** Wall time against the CPU each side spent in it: who was busy, and how much was waiting. */
export function timeSplitSection(runs: readonly { label: string; run: PollRun }[]): Section {
  return {
    title: 'where the time goes: CPU of Node and Redis during each poll',
    headers: [
      'run',
      'wall',
      'event loop on CPU',
      'loop waiting for a CPU',
      'node CPU (all threads)',
      'redis CPU',
      'node CPU/record',
      'redis CPU/record',
    ],
    rows: runs.map(({ label, run }) => {
      const { wallMs, nodeMs, redisMs, loop } = run.cpu;
      const records = Math.max(1, run.records);
      return [
        label,
        fmtMs(wallMs),
        loop ? share(loop.onCpuMs, wallMs) : '–',
        loop ? share(loop.waitingForCpuMs, wallMs) : '–',
        share(nodeMs, wallMs),
        share(redisMs, wallMs),
        fmtMs(nodeMs / records),
        fmtMs(redisMs / records),
      ];
    }),
    notes: [
      'Shares are of wall time. Event loop: the thread that runs all JavaScript here (sandbox, poll and ingest workers, the benchmark polling queue counts every 20 ms); "waiting for a CPU" is time it was ready to run while other processes held the cores (/proc/self/schedstat).',
      "node CPU counts every thread of the process (GC helpers, libuv); redis CPU is the server's user + system time, server-wide: Redis is shared, other clients count too.",
      'Event loop near 100% on CPU: Node is the bottleneck and more concurrency cannot help. A large "waiting for a CPU": the machine was busy with other work and the run measures that too.',
    ],
  };
}

/** Redis commandstats over one run: which commands the pipeline spends the server's time on. */
export function redisCommandsSection(label: string, run: PollRun, top = 12): Section {
  const total = run.cpu.commands.reduce((sum, c) => sum + c.usec, 0);
  const records = Math.max(1, run.records);
  return {
    title: `redis commands during ${label}`,
    headers: ['command', 'calls', 'calls/record', 'µs/call', 'total', 'share'],
    rows: run.cpu.commands
      .slice(0, top)
      .map((c) => [
        c.command,
        fmtCount(c.calls),
        (c.calls / records).toFixed(2),
        (c.usec / c.calls).toFixed(1),
        fmtMs(c.usec / 1000),
        share(c.usec, total),
      ]),
    notes: [
      'INFO commandstats difference, top by time. evalsha (BullMQ scripts) and eval (the ledger compare-and-set) include the time of the commands they run, which also appear on their own lines, so shares add up to more than 100%.',
    ],
  };
}
