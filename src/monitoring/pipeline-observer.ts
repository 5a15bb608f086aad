import { Counter, Histogram, type Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { IngestOutcome } from '../pipeline/ingest.js';
import type { PollResult } from '../pipeline/poll.js';

export type PollOutcome = PollResult['outcome'] | 'failed';
export type PushKind = 'forward' | 'tracking' | 'status' | 'answers';
export type PushOutcomeLabel = 'done' | 'skipped' | 'failed' | 'waiting';
export type AnswerOutcome = 'sent' | 'refused' | 'waiting' | 'failed';

/** Seconds from an answer's approval to the destination accepting it: a queue's second to a destination down for days. */
const DELIVERY_BUCKETS = [1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 24 * 3600, 3 * 24 * 3600];

/** What the workers tell about the work they did: counted for /metrics and summed for the log. */
export interface PipelineObserver {
  polled(source: string, outcome: PollOutcome, result: { records: number; invalid: number; durationMs: number }): void;
  ingested(source: string, outcome: IngestOutcome): void;
  /** A reconciliation round found this many records the ledger did not hold (and ingested them). */
  reconciled(source: string, missing: number): void;
  /** `reason`: why a skipped push was skipped, when it is a counted reason (closed_at_source). */
  pushed(kind: PushKind, destination: string, outcome: PushOutcomeLabel, reason?: string): void;
  /**
   * One answer's write to one record ended (`connector`: the destination's kind, e.g. lapor,
   * rest, open311); `deliveredAfterMs`: from its approval to the destination accepting it.
   */
  answerWritten(destination: string, connector: string, outcome: AnswerOutcome, deliveredAfterMs?: number): void;
  /** Writes the intake summary now (also done every `summaryEveryMs`). */
  flush(): void;
  stop(): void;
}

export const NO_OBSERVER: PipelineObserver = {
  polled() {},
  ingested() {},
  reconciled() {},
  pushed() {},
  answerWritten() {},
  flush() {},
  stop() {},
};

/**
 * Counters and histograms of the pipeline, and ONE info line per interval that says how many
 * complaints came in per source (new, updated, unchanged, quarantined) instead of a line per
 * record. The counts live in this process; several replicas each log their own share.
 */
export function createPipelineObserver(
  registry: Registry,
  logger: Logger,
  options: { summaryEveryMs?: number } = {},
): PipelineObserver {
  const polls = new Counter({
    name: 'lapor_bridge_polls_total',
    help: 'Sync runs per source and outcome (done, limited, interrupted, skipped, failed)',
    labelNames: ['source', 'outcome'],
    registers: [registry],
  });
  const pollSeconds = new Histogram({
    name: 'lapor_bridge_poll_duration_seconds',
    help: 'Duration of a sync run per source',
    labelNames: ['source'],
    buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  const records = new Counter({
    name: 'lapor_bridge_records_total',
    help: 'Records per source and outcome: fetched and quarantined at poll; created, updated, unchanged, stale, quarantined, missing at ingest; missing at reconcile (listed by the source, not in the ledger, ingested then)',
    labelNames: ['source', 'stage', 'outcome'],
    registers: [registry],
  });
  const pushes = new Counter({
    name: 'lapor_bridge_pushes_total',
    help: 'Writes to other systems per kind (forward, tracking, status, answers), destination and outcome (done, skipped, waiting, failed)',
    labelNames: ['kind', 'destination', 'outcome'],
    registers: [registry],
  });

  const skips = new Counter({
    name: 'lapor_bridge_push_skips_total',
    help: 'Pushes skipped for a counted reason (closed_at_source: a forward of a complaint closed, rejected or archived where it came from; case_already_there: a forward of a complaint whose case is on the destination already), per kind and destination',
    labelNames: ['kind', 'destination', 'reason'],
    registers: [registry],
  });

  const answers = new Counter({
    name: 'lapor_bridge_answers_total',
    help: 'Writes of approved OPD answers per destination and outcome (sent: accepted; refused: a final no; waiting: the record is not ready yet; failed: retried), one per answer and record',
    labelNames: ['destination', 'outcome'],
    registers: [registry],
  });
  const delivery = new Histogram({
    name: 'lapor_bridge_answer_delivery_seconds',
    help: "Time from an OPD answer's approval to the destination accepting it, per destination and its connector kind (lapor, rest, open311)",
    labelNames: ['destination', 'connector'],
    buckets: DELIVERY_BUCKETS,
    registers: [registry],
  });

  const intake = new Map<string, Partial<Record<IngestOutcome, number>>>();
  const flush = (): void => {
    if (intake.size === 0) return;
    const bySource = Object.fromEntries(intake);
    const created = [...intake.values()].reduce((n, c) => n + (c.created ?? 0), 0);
    intake.clear();
    logger.info(
      { created, bySource },
      'intake summary: complaints new, updated and unchanged per source since the last summary',
    );
  };
  const timer = setInterval(flush, options.summaryEveryMs ?? 60_000);
  timer.unref();

  return {
    polled(source, outcome, result) {
      polls.inc({ source, outcome });
      pollSeconds.observe({ source }, result.durationMs / 1000);
      records.inc({ source, stage: 'poll', outcome: 'fetched' }, result.records + result.invalid);
      if (result.invalid > 0) records.inc({ source, stage: 'poll', outcome: 'quarantined' }, result.invalid);
    },
    reconciled(source, missing) {
      records.inc({ source, stage: 'reconcile', outcome: 'missing' }, missing);
    },
    ingested(source, outcome) {
      records.inc({ source, stage: 'ingest', outcome });
      const counts = intake.get(source) ?? {};
      counts[outcome] = (counts[outcome] ?? 0) + 1;
      intake.set(source, counts);
    },
    pushed(kind, destination, outcome, reason) {
      pushes.inc({ kind, destination, outcome });
      if (reason) skips.inc({ kind, destination, reason });
    },
    answerWritten(destination, connector, outcome, deliveredAfterMs) {
      answers.inc({ destination, outcome });
      if (outcome === 'sent' && deliveredAfterMs !== undefined)
        delivery.observe({ destination, connector }, Math.max(0, deliveredAfterMs) / 1000);
    },
    flush,
    stop() {
      clearInterval(timer);
      flush();
    },
  };
}
