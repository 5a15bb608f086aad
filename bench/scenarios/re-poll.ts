import type { Redis } from 'ioredis';
import { fmtCount, fmtRate, fmtRatio, fmtWholeMs } from '../lib/format.js';
import type { BenchPipeline } from '../lib/lapor-pipeline.js';
import type { Section } from '../lib/table.js';
import { outcomeText, type FirstPoll } from './end-to-end.js';
import { runPoll, type PollRun } from './poll-run.js';

export interface RePolls {
  retained: PollRun;
  expired: PollRun;
}

/**
 * The same, unchanged data read again from the start (what a cursor reset or a restarted
 * backfill does). First while the completed ingest jobs are still retained: their job ids
 * (source, record, content hash) are taken, so BullMQ adds nothing. Then after they are
 * gone (retention is a day): every record is ingested again and the ledger's compare
 * finds the same content hash and writes nothing.
 */
export async function measureRePolls(pipe: BenchPipeline, admin: Redis, timeoutMs: number): Promise<RePolls> {
  const { runtime } = pipe;
  await runtime.store.cursors.reset('lapor', 'live');
  const retained = await runPoll(pipe, admin, 'repoll-retained', 're-poll, ingest jobs retained', timeoutMs);
  await runtime.queues.ingest.clean(0, 0, 'completed');
  await runtime.store.cursors.reset('lapor', 'live');
  const expired = await runPoll(pipe, admin, 'repoll-expired', 're-poll, ingest jobs expired', timeoutMs);
  return { retained, expired };
}

/** Compared with the fastest first poll at the same concurrency, the run least disturbed by other work. */
export function rePollSection(first: FirstPoll, again: RePolls): Section {
  const row = (label: string, run: PollRun, isBaseline = false): string[] => [
    label,
    fmtCount(run.records),
    fmtCount(run.ingest.jobs),
    fmtCount(run.ledgerWrites),
    fmtWholeMs(run.pollMs),
    fmtWholeMs(run.drainMs),
    fmtRate(run.perSecond),
    run.ingest.jobs ? fmtWholeMs(run.ingest.queuedToDoneMs.p50) : '–',
    run.ingest.jobs ? fmtWholeMs(run.ingest.queuedToDoneMs.p99) : '–',
    isBaseline ? 'baseline' : fmtRatio(run.perSecond, first.run.perSecond),
  ];
  const waiting = (run: PollRun) =>
    run.cpu.loop && run.cpu.wallMs > 0 ? `${Math.round((100 * run.cpu.loop.waitingForCpuMs) / run.cpu.wallMs)}%` : '–';
  return {
    title: `re-poll of unchanged data (ingest concurrency ${first.concurrency})`,
    headers: [
      'case',
      'records',
      'ingest jobs run',
      'ledger writes',
      'poll',
      'drain',
      'records/s',
      'queued→written p50',
      'p99',
      '× baseline',
    ],
    rows: [
      row('first poll, fastest round (baseline)', first.run, true),
      row('again, ingest jobs retained', again.retained),
      row('again, ingest jobs expired', again.expired),
    ],
    notes: [
      'The cursor is reset so the whole source is read again; nothing changed in the sandbox.',
      'jobs retained: BullMQ finds every deterministic ingest job id taken and adds nothing; jobs expired: each record is ingested and the ledger compare-and-set sees the same content hash.',
      `outcomes when expired: ${outcomeText(again.expired)}. Ledger writes must be 0 in both: idempotency costs time, never versions.`,
      `event loop waiting for a CPU held by other processes: first poll ${waiting(first.run)}, jobs retained ${waiting(again.retained)}, jobs expired ${waiting(again.expired)}.`,
    ],
  };
}
