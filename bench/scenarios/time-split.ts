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
    headers: ['run', 'wall', 'node CPU', 'of wall', 'redis CPU', 'of wall', 'node CPU/record', 'redis CPU/record'],
    rows: runs.map(({ label, run }) => {
      const { wallMs, nodeMs, redisMs } = run.cpu;
      const records = Math.max(1, run.records);
      return [label, fmtMs(wallMs), fmtMs(nodeMs), share(nodeMs, wallMs), fmtMs(redisMs), share(redisMs, wallMs), fmtMs(nodeMs / records), fmtMs(redisMs / records)];
    }),
    notes: [
      'node CPU: this process (sandbox, poll and ingest workers, the benchmark\'s own queue polling every 20 ms); redis CPU: the server\'s user + system time, server-wide (Redis is shared: other clients would count).',
      'A side near 100% of wall is the bottleneck; both well below means time spent waiting on round trips.',
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
    rows: run.cpu.commands.slice(0, top).map((c) => [c.command, fmtCount(c.calls), (c.calls / records).toFixed(2), (c.usec / c.calls).toFixed(1), fmtMs(c.usec / 1000), share(c.usec, total)]),
    notes: [
      'INFO commandstats difference, top by time. evalsha (BullMQ scripts) and eval (the ledger compare-and-set) include the time of the commands they run, which also appear on their own lines, so shares add up to more than 100%.',
    ],
  };
}
