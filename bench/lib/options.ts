import { parseArgs } from 'node:util';

export const SCENARIOS = [
  'throughput',
  'idle-poll',
  'rekap',
  'scale-out',
  'daemon-memory',
  'end-to-end',
  're-poll',
  'ledger',
  'stages',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchOptions {
  quick: boolean;
  redisUrl: string;
  seed: number;
  /** Reports seeded in the LAPOR sandbox for end-to-end and re-poll (about 83% are visible to the instansi). */
  reports: number;
  /** Operations per case of the ledger scenario. */
  ops: number;
  /** Records the pure-stage scenario runs over, and how many passes. */
  stageRecords: number;
  stagePasses: number;
  /** Ingest concurrency of the measured run; the baseline run uses 1. */
  concurrency: number;
  /** End-to-end runs per concurrency, alternating (A B B A …); the table shows the fastest of each. */
  rounds: number;
  only: ScenarioName[];
  /** Ledger sizes the rekap scenario writes, and the timed rekaps at each; daemon-memory writes the largest. */
  rekapSizes: number[];
  rekapRuns: number;
}

export const USAGE = `usage: npm run bench -- [--quick] [--reports N] [--rounds N] [--ops N] [--records N] [--passes N]
                         [--concurrency N] [--only ${SCENARIOS.join(',')}] [--seed N] [--redis URL]
                         [--rekap-sizes N,N] [--rekap-runs N]

Every flag also reads from the environment: BENCH_REPORTS, BENCH_ROUNDS, BENCH_OPS,
BENCH_RECORDS, BENCH_PASSES, BENCH_CONCURRENCY, BENCH_ONLY, BENCH_SEED, BENCH_REKAP_SIZES,
BENCH_REKAP_RUNS, BENCH_REDIS_URL
(or REDIS_URL), BENCH_QUICK=1. Flags win. Keys are written under a prefix of the run's own and deleted
afterwards.`;

const FULL = {
  reports: 10_000,
  rounds: 2,
  ops: 10_000,
  stageRecords: 2000,
  stagePasses: 5,
  rekapSizes: '100000,1000000',
  rekapRuns: 20,
};
const QUICK = {
  reports: 300,
  rounds: 1,
  ops: 200,
  stageRecords: 100,
  stagePasses: 2,
  rekapSizes: '1000,5000',
  rekapRuns: 5,
};

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
}

/**
 * Asked for by name (--only …), not part of a default run: scale-out starts seven worker
 * processes, daemon-memory writes a ledger of a million complaints and starts the daemon.
 */
export const DEFAULT_SCENARIOS = SCENARIOS.filter((s) => s !== 'scale-out' && s !== 'daemon-memory');

function scenarios(value: string | undefined): ScenarioName[] {
  if (!value) return [...DEFAULT_SCENARIOS];
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(SCENARIOS as readonly string[]).includes(n));
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')} (known: ${SCENARIOS.join(', ')})`);
  return names as ScenarioName[];
}

/** Flags first, then BENCH_* variables, then the quick or full defaults. */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      quick: { type: 'boolean' },
      reports: { type: 'string' },
      ops: { type: 'string' },
      records: { type: 'string' },
      passes: { type: 'string' },
      concurrency: { type: 'string' },
      rounds: { type: 'string' },
      only: { type: 'string' },
      seed: { type: 'string' },
      redis: { type: 'string' },
      'rekap-sizes': { type: 'string' },
      'rekap-runs': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const quick = values.quick ?? env.BENCH_QUICK === '1';
  const sizes = quick ? QUICK : FULL;
  const redisUrl = values.redis ?? env.BENCH_REDIS_URL ?? env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!/^rediss?:\/\//.test(redisUrl))
    throw new Error(`--redis must start with redis:// or rediss://, got "${redisUrl}"`);
  return {
    quick,
    redisUrl,
    seed: positiveInt('--seed', values.seed ?? env.BENCH_SEED, 42),
    reports: positiveInt('--reports', values.reports ?? env.BENCH_REPORTS, sizes.reports),
    ops: positiveInt('--ops', values.ops ?? env.BENCH_OPS, sizes.ops),
    stageRecords: positiveInt('--records', values.records ?? env.BENCH_RECORDS, sizes.stageRecords),
    stagePasses: positiveInt('--passes', values.passes ?? env.BENCH_PASSES, sizes.stagePasses),
    concurrency: positiveInt('--concurrency', values.concurrency ?? env.BENCH_CONCURRENCY, 8),
    rounds: positiveInt('--rounds', values.rounds ?? env.BENCH_ROUNDS, sizes.rounds),
    only: scenarios(values.only ?? env.BENCH_ONLY),
    rekapSizes: (values['rekap-sizes'] ?? env.BENCH_REKAP_SIZES ?? sizes.rekapSizes)
      .split(',')
      .map((n) => positiveInt('--rekap-sizes', n.trim(), 0)),
    rekapRuns: positiveInt('--rekap-runs', values['rekap-runs'] ?? env.BENCH_REKAP_RUNS, sizes.rekapRuns),
  };
}
