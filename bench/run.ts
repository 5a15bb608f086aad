import { startLaporSandbox, type LaporSandbox } from '../src/sandbox/lapor/index.js';
import { createRedis } from '../src/redis/connection.js';
import { laporProcess } from './lib/bench-lapor.js';
import { fmtCount } from './lib/format.js';
import { runBench, type BenchContext } from './lib/harness.js';
import { memorySection } from './lib/memory.js';
import { parseOptions, USAGE, type BenchOptions, type ScenarioName } from './lib/options.js';
import { benchPrefix, deletePrefix } from './lib/redis-prefix.js';
import { startPrivateRedis } from './lib/private-redis.js';
import { printSection } from './lib/table.js';
import { endToEndSection, footprintSection, PAGE_SIZE } from './scenarios/end-to-end.js';
import { benchLedger } from './scenarios/ledger-writes.js';
import type { PollRun } from './scenarios/poll-run.js';
import { fastest, runPipelineRounds } from './scenarios/pipeline-rounds.js';
import { rePollSection } from './scenarios/re-poll.js';
import { sampleRecords } from './scenarios/sample-records.js';
import { benchStages, complaintsOf } from './scenarios/stages.js';
import { idlePollSection, measureIdlePolls } from './scenarios/idle-poll.js';
import { measureScaleOut, scaleOutSection } from './scenarios/scale-out.js';
import { daemonMemorySection, measureDaemonMemory } from './scenarios/daemon-memory.js';
import { measureRekapPeriods, rekapPeriodSection } from './scenarios/rekap-period.js';
import { costSection, runThroughputRounds, throughputSection } from './scenarios/throughput.js';
import { redisCommandsSection, timeSplitSection } from './scenarios/time-split.js';

/**
 * Reports seeded in this process's sandbox (throughput seeds its own, in a process of its own).
 * About 83% of seeded reports are visible to the sandbox's instansi; the sample needs that many.
 */
function sandboxReports(o: BenchOptions): number {
  const forSample = o.only.includes('stages') || o.only.includes('ledger') ? Math.ceil(o.stageRecords * 1.4) + 50 : 0;
  const forPipeline =
    o.only.includes('end-to-end') ||
    o.only.includes('re-poll') ||
    o.only.includes('scale-out') ||
    o.only.includes('daemon-memory')
      ? o.reports
      : 0;
  return Math.max(forSample, forPipeline);
}

async function pureAndLedger(
  o: BenchOptions,
  ctx: BenchContext,
  sandbox: LaporSandbox,
  has: (n: ScenarioName) => boolean,
): Promise<void> {
  const sample = await sampleRecords(sandbox, ctx.logger, o.redisUrl, o.stageRecords);
  try {
    if (has('stages')) printSection(benchStages(sample, o.stagePasses));
    if (has('ledger')) {
      const prefix = benchPrefix('ledger');
      printSection(await benchLedger(ctx.admin, prefix, complaintsOf(sample.drafts), o.ops));
      await deletePrefix(ctx.admin, prefix);
    }
  } finally {
    await sample.connector.close();
  }
}

async function pipeline(
  o: BenchOptions,
  ctx: BenchContext,
  sandbox: LaporSandbox,
  has: (n: ScenarioName) => boolean,
): Promise<void> {
  const timeoutMs = Math.max(60_000, o.reports * 40);
  const rounds = await runPipelineRounds(sandbox, ctx.logger, {
    redisUrl: o.redisUrl,
    admin: ctx.admin,
    timeoutMs,
    concurrency: o.concurrency,
    rounds: o.rounds,
    withBaseline: has('end-to-end'),
    withRePoll: has('re-poll'),
  });
  const measured = fastest(rounds.measured);
  const runs: { label: string; run: PollRun }[] = [
    { label: `first poll, ingest concurrency ${measured.concurrency}`, run: measured.run },
  ];
  if (rounds.baseline.length > 0) {
    const baseline = fastest(rounds.baseline);
    runs.push({ label: 'first poll, ingest concurrency 1', run: baseline.run });
    printSection(endToEndSection(rounds.measured, rounds.baseline, o.reports));
    printSection(footprintSection(rounds.measured[0]!));
  }
  if (rounds.again) {
    printSection(rePollSection(measured, rounds.again));
    runs.push(
      { label: 're-poll, jobs retained', run: rounds.again.retained },
      { label: 're-poll, jobs expired', run: rounds.again.expired },
    );
  }
  printSection(timeSplitSection(runs));
  printSection(redisCommandsSection(runs[0]!.label, measured.run));
  printSection(memorySection(runs.map((r) => r.run.memory)));
}

/** On a redis-server of its own: the figures per record must not count other users of a shared Redis. */
async function onPrivateRedis(
  o: BenchOptions,
  ctx: BenchContext,
  sandbox: LaporSandbox,
  has: (n: ScenarioName) => boolean,
): Promise<void> {
  const redis = await startPrivateRedis();
  const admin = createRedis(redis.url, 'producer');
  const timeoutMs = Math.max(60_000, o.reports * 40);
  try {
    await admin.connect();
    if (has('throughput')) {
      // LAPOR is another machine for the daemon: the same seeded reports, served by a process of
      // their own, so that the pipeline's process, like bare BullMQ's, spends no CPU on its source.
      const lapor = await laporProcess({
        reports: o.reports,
        seed: o.seed,
        now: new Date().toISOString(),
        pageSize: PAGE_SIZE,
      });
      ctx.onCleanup(() => lapor.close());
      const rounds = await runThroughputRounds(lapor, ctx.logger, {
        redisUrl: redis.url,
        admin,
        rounds: o.rounds,
        concurrency: o.concurrency,
        pageSize: PAGE_SIZE,
        timeoutMs,
        jobs: o.reports,
        stageRecords: o.stageRecords,
        stagePasses: o.stagePasses,
      });
      printSection(throughputSection(rounds, o.concurrency));
      printSection(costSection(rounds));
    }
    if (has('idle-poll')) printSection(idlePollSection(await measureIdlePolls(redis.url, admin, ctx.logger)));
    if (has('scale-out'))
      printSection(
        scaleOutSection(
          await measureScaleOut(sandbox, ctx.logger, {
            redisUrl: redis.url,
            admin,
            concurrency: o.concurrency,
            pageSize: PAGE_SIZE,
            timeoutMs,
            processes: [1, 2, 4],
          }),
        ),
      );
    // Last: they empty the private Redis between ledger sizes.
    if (has('rekap'))
      printSection(
        rekapPeriodSection(await measureRekapPeriods(redis.url, admin, o.rekapSizes, o.rekapRuns), o.rekapRuns),
      );
    if (has('daemon-memory'))
      printSection(
        daemonMemorySection(
          await measureDaemonMemory(sandbox, ctx.logger, {
            redisUrl: redis.url,
            admin,
            size: Math.max(...o.rekapSizes),
            timeoutMs,
          }),
        ),
      );
  } finally {
    admin.disconnect();
    await redis.stop();
  }
}

function readOptions(): BenchOptions | 'help' {
  try {
    return parseOptions(process.argv.slice(2), process.env);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}\n`);
    process.exit(2);
  }
}

const options = readOptions();
if (options === 'help') {
  process.stdout.write(`${USAGE}\n`);
} else {
  const reports = sandboxReports(options);
  const seeded = options.only.includes('throughput') ? Math.max(reports, options.reports) : reports;
  const lines = [
    `scenarios: ${options.only.join(', ')}${options.quick ? ' (quick sizes)' : ''}`,
    `sandbox reports ${fmtCount(seeded)}, page size ${PAGE_SIZE}, end-to-end rounds ${options.rounds}; ledger ops ${fmtCount(options.ops)} per row; stage records ${fmtCount(options.stageRecords)} × ${options.stagePasses} passes; rekap ledgers ${options.rekapSizes.map(fmtCount).join(', ')} × ${options.rekapRuns} runs`,
  ];
  runBench({ title: 'lapor-bridge benchmarks', redisUrl: options.redisUrl, lines }, async (ctx) => {
    const has = (name: ScenarioName) => options.only.includes(name);
    // A fixed sandbox clock: no report changes status between the runs that are compared.
    const now = new Date();
    const sandbox = await startLaporSandbox({
      reports,
      seed: options.seed,
      now: () => now,
      pageSize: { default: PAGE_SIZE, max: PAGE_SIZE },
    });
    ctx.onCleanup(() => sandbox.close());
    if (has('throughput') || has('idle-poll') || has('scale-out') || has('rekap') || has('daemon-memory'))
      await onPrivateRedis(options, ctx, sandbox, has);
    if (has('stages') || has('ledger')) await pureAndLedger(options, ctx, sandbox, has);
    if (has('end-to-end') || has('re-poll')) await pipeline(options, ctx, sandbox, has);
  });
}
