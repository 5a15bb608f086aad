import { loadavg } from 'node:os';
import { complaintId } from '../src/domain/complaint.js';
import { outboundResponse } from '../src/push/outbound.js';
import { epochNow, laporInProcess, laporProcess, type BenchLapor } from './lib/bench-lapor.js';
import { withCpuProfile } from './lib/profiles.js';
import { measureCpu, type CpuReport } from './lib/cpu.js';
import { fmtMs, fmtRate, fmtRatio } from './lib/format.js';
import { runBench } from './lib/harness.js';
import { loadLaporConfig, openBenchPipeline, type BenchPipeline } from './lib/lapor-pipeline.js';
import { measureMemory, memorySection } from './lib/memory.js';
import { startPrivateRedis } from './lib/private-redis.js';
import { waitForIdle } from './lib/queue-watch.js';
import { countClientCommands, COUNTING } from './lib/redis-calls.js';
import { benchPrefix } from './lib/redis-prefix.js';
import { summarize, type Summary } from './lib/stats.js';
import { printSection } from './lib/table.js';
import { commandCount, pipelineCommands } from './scenarios/throughput.js';

/**
 * npm run bench:push — how long from an OPD head's approval until the answer is visible on
 * LAPOR (the sandbox, healthy), against the floor: the same tindak lanjut posted straight
 * through the connector, with no queue, ledger or send state in between.
 */
const quick = process.argv.includes('--quick');
const ANSWERS = quick ? 20 : 300;
const burstFlag = process.argv.indexOf('--burst');
/** A burst of 1,000 approvals at once: an OPD head clearing a backlog, or a batch approval. */
const concurrencyFlag = process.argv.indexOf('--push-concurrency');
/** push.concurrency of the run; config/default.yaml's when not given. */
const PUSH_CONCURRENCY = concurrencyFlag > 0 ? Math.max(1, Number(process.argv[concurrencyFlag + 1]) || 1) : undefined;
const BURST = burstFlag > 0 ? Math.max(1, Number(process.argv[burstFlag + 1]) || 1) : quick ? 20 : 1000;
/** Answers of a further, smaller burst whose Redis calls MONITOR counts (not timed: counting costs the process). */
const COUNTED = Math.min(100, BURST);
/** A CPU profile of the burst (not of the setup) is written here when set. */
const CPU_PROFILE = process.env.BENCH_CPU_PROFILE;
/**
 * A redis-server of the benchmark's own unless BENCH_REDIS_URL names one: the commands per
 * answer must not count other users of a shared Redis.
 */
const privateRedis = process.env.BENCH_REDIS_URL ? undefined : await startPrivateRedis();
const redisUrl = process.env.BENCH_REDIS_URL ?? privateRedis!.url;

/**
 * LAPOR in a process of its own, as it is another machine for the daemon (its CPU is not the
 * daemon's); `--sandbox-in-process` runs it in this process, as the figures before it did.
 */
const SANDBOX_IN_PROCESS = process.argv.includes('--sandbox-in-process');

/**
 * Resolves when every marker is on LAPOR, with when each one was stored there (ms since the
 * epoch): the sandbox tells each entry as it stores it, so looking costs the pipeline
 * nothing and the time is exact (a watcher that read every report every few milliseconds
 * took a core's share from the pipeline it measured).
 */
function watchVisible(
  lapor: BenchLapor,
  items: { trackingId: string; marker: string }[],
): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  const waiting = new Map(items.map((item) => [item.marker, item.trackingId]));
  return new Promise((resolve) => {
    const stop = lapor.onMarker((trackingId, marker, at) => {
      if (waiting.get(marker) !== trackingId) return;
      waiting.delete(marker);
      seen.set(marker, at);
      if (waiting.size > 0) return;
      stop();
      resolve(seen);
    });
  });
}

interface Draft {
  trackingId: string;
  marker: string;
  id: string;
}

/** An answer as a draft per report, each with its marker: written before the clock starts. */
async function draftAnswers(pipe: BenchPipeline, trackingIds: string[], label: string): Promise<Draft[]> {
  return Promise.all(
    trackingIds.map(async (trackingId, i) => {
      const marker = `[${label}-${i}]`;
      const draft = await pipe.runtime.push.addResponse({
        complaintId: complaintId('lapor', trackingId),
        text: `Sudah ditindaklanjuti oleh UPT ${marker}`,
        by: 'Petugas',
        opd: 'Dinas PUPR',
      });
      return { trackingId, marker, id: draft.id };
    }),
  );
}

async function approveAndWait(
  pipe: BenchPipeline,
  lapor: BenchLapor,
  drafts: Draft[],
  paced: boolean,
): Promise<{ latency: Summary; elapsedMs: number }> {
  const { push } = pipe.runtime;
  const approvedAt = new Map<string, number>();
  const watching = watchVisible(lapor, drafts);
  const started = epochNow();
  for (const draft of drafts) {
    approvedAt.set(draft.marker, epochNow());
    const approval = push.approve(draft.id, 'Kepala Dinas');
    if (paced) {
      await approval;
      await new Promise((r) => setTimeout(r, 20));
    } else void approval;
  }
  const seen = await watching;
  return {
    latency: summarize(drafts.map((d) => seen.get(d.marker)! - approvedAt.get(d.marker)!)),
    elapsedMs: Math.max(...seen.values()) - started,
  };
}

/**
 * The floor: the same tindak lanjut posted straight through the LAPOR connector, with no
 * queue, ledger, send state or lock in between, `concurrency` posts in flight at once (1:
 * one at a time). Latency counts from the start, as a burst's does: the wait for a turn too.
 */
async function directFloor(
  pipe: BenchPipeline,
  trackingIds: string[],
  label: string,
  concurrency: number,
): Promise<{ latency: Summary; elapsedMs: number }> {
  const lapor = pipe.runtime.connectors.get('lapor')!;
  const post = (i: number) => {
    const at = new Date().toISOString();
    return lapor.postResponse!(
      trackingIds[i]!,
      outboundResponse({
        id: `${label}-${i}`,
        caseId: trackingIds[i]!,
        complaintId: trackingIds[i]!,
        text: `Langsung ${label} ${i}`,
        by: 'Petugas',
        at,
        state: 'approved',
        createdAt: at,
      }),
    );
  };
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    for (let i = next++; i < trackingIds.length; i = next++) {
      const began = concurrency === 1 ? performance.now() : started;
      await post(i);
      samples.push(performance.now() - began);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, trackingIds.length) }, lane));
  return { latency: summarize(samples), elapsedMs: performance.now() - started };
}

/** What one answer of the burst cost: Node and Redis CPU, commands Redis ran, calls the bridge sent. */
function costSection(cpu: CpuReport, floor: CpuReport, sent: Map<string, number>) {
  const run = commandCount(cpu);
  const calls = [...sent.entries()].filter(([name]) => !COUNTING.has(name)).sort((a, b) => b[1] - a[1]);
  const sentTotal = calls.reduce((n, [, c]) => n + c, 0);
  const per = (n: number, answers: number) => (n / answers).toFixed(1);
  return {
    title: `push: what one answer of the burst costs`,
    headers: ['measure', 'per answer', 'by name (per answer)'],
    rows: [
      [`node CPU${SANDBOX_IN_PROCESS ? ' (sandbox included)' : ''}`, fmtMs(cpu.nodeMs / BURST), ''],
      [
        `node CPU of a post of the floor burst${SANDBOX_IN_PROCESS ? ' (sandbox included)' : ''}`,
        fmtMs(floor.nodeMs / BURST),
        '',
      ],
      ["node CPU of the pipeline's own (the difference)", fmtMs((cpu.nodeMs - floor.nodeMs) / BURST), ''],
      ['redis CPU', fmtMs(cpu.redisMs / BURST), ''],
      [
        'redis commands run',
        per(run, BURST),
        pipelineCommands(cpu)
          .slice(0, 12)
          .map((c) => `${c.command} ${per(c.calls, BURST)}`)
          .join(', '),
      ],
      [
        'redis calls sent',
        per(sentTotal, COUNTED),
        calls
          .slice(0, 12)
          .map(([name, c]) => `${name} ${per(c, COUNTED)}`)
          .join(', '),
      ],
    ],
    notes: [
      `CPU and commands run: the burst of ${BURST} (INFO commandstats difference, the commands Lua scripts run inside included). Calls sent: a further burst of ${COUNTED} under MONITOR (a script is one call, each command of a pipeline or MULTI one).`,
      cpu.loop
        ? `event loop during the burst: ${fmtMs(cpu.loop.onCpuMs)} on a CPU, ${fmtMs(cpu.loop.waitingForCpuMs)} waiting for one (other processes), of ${fmtMs(cpu.wallMs)}`
        : `wall time of the burst: ${fmtMs(cpu.wallMs)}`,
    ],
  };
}

runBench(
  {
    title: 'lapor-bridge push benchmark: approval → visible on LAPOR',
    redisUrl,
    lines: [
      `${ANSWERS} answers approved one at a time (20 ms apart), then ${BURST} approved at once, then ${COUNTED} more at once with their Redis calls counted`,
      `LAPOR sandbox healthy, ${SANDBOX_IN_PROCESS ? 'in this process' : 'in a process of its own'}; push concurrency ${PUSH_CONCURRENCY ?? 'from config/default.yaml'}`,
      privateRedis ? 'redis: a redis-server of its own (no persistence), started for this run' : `redis: ${redisUrl}`,
    ],
    finally: async () => privateRedis?.stop(),
  },
  async (ctx) => {
    const lapor = SANDBOX_IN_PROCESS ? await laporInProcess() : await laporProcess();
    ctx.onCleanup(() => lapor.close());
    // Each report is with Dinas PUPR, the unit that signs the answers (only the complaint's OPD may answer it).
    const reports = (n: number) => lapor.reports(n, 'Dinas PUPR');
    const ids = { paced: await reports(ANSWERS), burst: await reports(BURST), counted: await reports(COUNTED) };
    const floorIds = { paced: await reports(ANSWERS), burst: await reports(BURST) };
    const loaded = loadLaporConfig(lapor, {
      redisUrl,
      prefix: benchPrefix('push'),
      ingestConcurrency: 8,
      pageSize: 100,
      // The shared write budget would pace a burst to 60 a minute; here the pipeline itself is measured.
      extra: {
        push: {
          ...(PUSH_CONCURRENCY ? { concurrency: PUSH_CONCURRENCY } : {}),
          destinations: { lapor: { answersArePublished: true, sendIdentity: true, ratePerMinute: 100_000 } },
        },
      },
    });
    const pipe = await openBenchPipeline(loaded, ctx.logger);
    await pipe.runtime.enqueuePoll('lapor', 'live', 'bench');
    await waitForIdle([pipe.runtime.queues.poll, pipe.runtime.queues.ingest, pipe.runtime.queues.push], 120_000);

    const drafts = {
      paced: await draftAnswers(pipe, ids.paced, 'paced'),
      burst: await draftAnswers(pipe, ids.burst, 'burst'),
      counted: await draftAnswers(pipe, ids.counted, 'counted'),
    };
    const paced = await measureMemory('paced approvals', () => approveAndWait(pipe, lapor, drafts.paced, true));
    // Counted until the push queue is idle: the bookkeeping after each answer became visible is its cost too.
    const untilIdle = async <T>(work: Promise<T>): Promise<T> => {
      const result = await work;
      await waitForIdle([pipe.runtime.queues.push], 120_000);
      return result;
    };
    const loadAtBurst = loadavg()[0]!;
    const burst = await measureMemory('burst of approvals', () =>
      measureCpu(ctx.admin, () =>
        untilIdle(withCpuProfile(CPU_PROFILE, () => approveAndWait(pipe, lapor, drafts.burst, false))),
      ),
    );
    const counted = await countClientCommands(ctx.admin, () =>
      untilIdle(approveAndWait(pipe, lapor, drafts.counted, false)),
    );
    const concurrency = pipe.runtime.config.push.concurrency;
    const floorPaced = await directFloor(pipe, floorIds.paced, 'paced', 1);
    const floorBurst = await measureCpu(ctx.admin, () => directFloor(pipe, floorIds.burst, 'burst', concurrency));
    const floor = { paced: floorPaced, burst: floorBurst.result };
    await pipe.stop();
    const burstRun = burst.result.result;

    const row = (label: string, s: Summary, base: Summary) => [
      label,
      String(s.count),
      fmtMs(s.p50),
      fmtMs(s.p95),
      fmtMs(s.p99),
      fmtMs(s.max),
      fmtRatio(s.p95, base.p95),
    ];
    const rate = (n: number, ms: number) => (n * 1000) / ms;
    printSection({
      title: 'push: approval → tindak lanjut visible on LAPOR',
      headers: ['run', 'answers', 'p50', 'p95', 'p99', 'max', 'p95 vs its floor'],
      rows: [
        row('one at a time (20 ms apart)', paced.result.latency, floor.paced.latency),
        row(`burst of ${BURST}`, burstRun.latency, floor.burst.latency),
        row('floor: connector.postResponse, no pipeline', floor.paced.latency, floor.paced.latency),
        row(
          `floor: connector.postResponse, no pipeline, ${BURST} at once (${concurrency} in flight)`,
          floor.burst.latency,
          floor.burst.latency,
        ),
      ],
      notes: [
        `burst delivered at ${fmtRate(rate(BURST, burstRun.elapsedMs))} answers/s; the floor's burst at ${fmtRate(rate(BURST, floor.burst.elapsedMs))} posts/s (${fmtRatio(rate(BURST, burstRun.elapsedMs), rate(BURST, floor.burst.elapsedMs))} of it); push concurrency ${concurrency}`,
        `load average (1 min) at the burst's start: ${loadAtBurst.toFixed(2)}, at the end: ${loadavg()[0]!.toFixed(2)}`,
        'target: p95 ≤ 1 s from approval to visible, one at a time and in a burst, while LAPOR is healthy and the write budget allows it',
        "latency: from approve() until the sandbox stores the tindak lanjut in the report's timeline (it tells each entry as it stores it); the floor's from the start of its run until each post returns",
      ],
    });
    printSection(costSection(burst.result.cpu, floorBurst.cpu, counted.calls));
    printSection(memorySection([paced.memory, burst.memory]));
  },
);
