import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Queues } from '../queue/queues.js';
import type { SourceState } from '../store/records.js';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'] as const;

export interface LedgerGauges {
  sources(): Promise<Record<string, SourceState>>;
  /** Sizes of the lists an operator must look at. */
  backlog(): Promise<{ quarantine: number; triage: number; deadLetters: number; complaints: number }>;
  /** Answers waiting for an OPD head, and how long the oldest has waited. */
  drafts(): Promise<{ count: number; oldestWaitMs: number }>;
  /** Open complaints past their due date per OPD directory code ('' for no OPD), by the SLA clock. */
  overdue(): Promise<Record<string, number>>;
}

/** Seconds from a draft answer to the head's approval: the histogram's buckets, 1 minute to a week. */
const APPROVAL_WAIT_BUCKETS = [60, 600, 3600, 4 * 3600, 8 * 3600, 24 * 3600, 3 * 24 * 3600, 7 * 24 * 3600];

/** The approval latency histogram; the daemon observes each approval it makes. */
export function approvalWaitHistogram(registry: Registry): Histogram {
  return new Histogram({
    name: 'lapor_bridge_approval_wait_seconds',
    help: "Time from an OPD answer's draft to the head's approval (approvals made through this daemon: pages and API)",
    buckets: APPROVAL_WAIT_BUCKETS,
    registers: [registry],
  });
}

/** One registry per daemon, so tests and several daemons in one process don't collide. */
export function createMetrics(queues: Queues, ledger?: LedgerGauges): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'lapor-bridge' });
  collectDefaultMetrics({ register: registry, prefix: 'lapor_bridge_' });
  new Gauge({
    name: 'lapor_bridge_queue_jobs',
    help: 'Jobs per BullMQ queue and state, read from Redis at scrape time',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      for (const [name, queue] of Object.entries(queues)) {
        const counts = await queue.getJobCounts(...STATES);
        for (const state of STATES) this.set({ queue: name, state }, counts[state] ?? 0);
      }
    },
  });
  if (ledger) {
    new Gauge({
      name: 'lapor_bridge_source_failing',
      help: '1 while a source has failed pipeline.failingAfter polls in a row',
      labelNames: ['source'],
      registers: [registry],
      async collect() {
        for (const [source, state] of Object.entries(await ledger.sources()))
          this.set({ source }, state.state === 'failing' ? 1 : 0);
      },
    });
    new Gauge({
      name: 'lapor_bridge_source_consecutive_failures',
      help: 'Failed polls in a row per source',
      labelNames: ['source'],
      registers: [registry],
      async collect() {
        for (const [source, state] of Object.entries(await ledger.sources()))
          this.set({ source }, state.consecutiveFailures);
      },
    });
    new Gauge({
      name: 'lapor_bridge_ledger_entries',
      help: 'Complaints in the ledger, and entries waiting for an operator (quarantine, triage, dead letters)',
      labelNames: ['list'],
      registers: [registry],
      async collect() {
        for (const [list, size] of Object.entries(await ledger.backlog())) this.set({ list }, size);
      },
    });
    new Gauge({
      name: 'lapor_bridge_overdue_complaints',
      help: 'Open complaints past their due date per OPD (directory code; opd="" for none), by the SLA clock',
      labelNames: ['opd'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const [opd, n] of Object.entries(await ledger.overdue())) this.set({ opd }, n);
      },
    });
    // Both read in one pass at scrape time; the second gauge reuses the first one's reading.
    let lastDrafts: Promise<{ count: number; oldestWaitMs: number }> | undefined;
    new Gauge({
      name: 'lapor_bridge_drafts_waiting',
      help: "OPD answers waiting for the head's approval",
      registers: [registry],
      async collect() {
        lastDrafts = ledger.drafts();
        this.set((await lastDrafts).count);
      },
    });
    new Gauge({
      name: 'lapor_bridge_draft_oldest_wait_seconds',
      help: 'How long the oldest answer waiting for approval has waited (0 when none waits)',
      registers: [registry],
      async collect() {
        this.set(Math.round((await (lastDrafts ?? ledger.drafts())).oldestWaitMs / 1000));
        lastDrafts = undefined;
      },
    });
  }
  return registry;
}
