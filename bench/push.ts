import { loadavg } from 'node:os';
import { complaintId } from '../src/domain/complaint.js';
import { outboundResponse } from '../src/push/outbound.js';
import { startLaporSandbox, type LaporSandbox } from '../src/sandbox/lapor/index.js';
import { fmtMs, fmtRate, fmtRatio } from './lib/format.js';
import { runBench } from './lib/harness.js';
import { loadLaporConfig, openBenchPipeline, type BenchPipeline } from './lib/lapor-pipeline.js';
import { measureMemory, memorySection } from './lib/memory.js';
import { waitForIdle } from './lib/queue-watch.js';
import { benchPrefix } from './lib/redis-prefix.js';
import { summarize, type Summary } from './lib/stats.js';
import { printSection } from './lib/table.js';

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
const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function visible(sandbox: LaporSandbox, trackingId: string, marker: string): boolean {
  return (
    (sandbox.report(trackingId)?.timeline as { note: string }[] | undefined)?.some((e) => e.note.includes(marker)) ??
    false
  );
}

/** How often the watcher looks: the latencies are this coarse, and looking costs the pipeline no more than it must. */
const WATCH_MS = 5;

/**
 * Resolves when every marker is visible, recording when each one appeared. Each look reads
 * only the reports whose answer has not appeared yet: a watcher that read all of them every
 * millisecond took a core from the pipeline it measures.
 */
function watchVisible(
  sandbox: LaporSandbox,
  items: { trackingId: string; marker: string }[],
): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  let waiting = items;
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      waiting = waiting.filter((item) => {
        if (!visible(sandbox, item.trackingId, item.marker)) return true;
        seen.set(item.marker, now);
        return false;
      });
      if (waiting.length === 0) {
        clearInterval(timer);
        resolve(seen);
      }
    }, WATCH_MS);
  });
}

async function approveAndWait(
  pipe: BenchPipeline,
  sandbox: LaporSandbox,
  trackingIds: string[],
  label: string,
  paced: boolean,
): Promise<{ latency: Summary; elapsedMs: number }> {
  const { push } = pipe.runtime;
  const items = trackingIds.map((t, i) => ({ trackingId: t, marker: `[${label}-${i}]` }));
  const drafts = await Promise.all(
    items.map((item) =>
      push.addResponse({
        complaintId: complaintId('lapor', item.trackingId),
        text: `Sudah ditindaklanjuti oleh UPT ${item.marker}`,
        by: 'Petugas',
        opd: 'Dinas PUPR',
      }),
    ),
  );
  const approvedAt = new Map<string, number>();
  const watching = watchVisible(sandbox, items);
  const started = performance.now();
  for (const [i, draft] of drafts.entries()) {
    approvedAt.set(items[i]!.marker, performance.now());
    const approval = push.approve(draft.id, 'Kepala Dinas');
    if (paced) {
      await approval;
      await new Promise((r) => setTimeout(r, 20));
    } else void approval;
  }
  const seen = await watching;
  return {
    latency: summarize(items.map((item) => seen.get(item.marker)! - approvedAt.get(item.marker)!)),
    elapsedMs: performance.now() - started,
  };
}

async function directFloor(pipe: BenchPipeline, trackingIds: string[]): Promise<Summary> {
  const lapor = pipe.runtime.connectors.get('lapor')!;
  const samples: number[] = [];
  for (const [i, t] of trackingIds.entries()) {
    const at = new Date().toISOString();
    const started = performance.now();
    await lapor.postResponse!(
      t,
      outboundResponse({
        id: `direct-${i}`,
        caseId: t,
        complaintId: t,
        text: `Langsung ${i}`,
        by: 'Petugas',
        at,
        state: 'approved',
        createdAt: at,
      }),
    );
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

runBench(
  {
    title: 'lapor-bridge push benchmark: approval → visible on LAPOR',
    redisUrl,
    lines: [
      `${ANSWERS} answers approved one at a time (20 ms apart), then ${BURST} approved at once`,
      `LAPOR sandbox healthy, in this process; push concurrency ${PUSH_CONCURRENCY ?? 'from config/default.yaml'}`,
    ],
  },
  async (ctx) => {
    const sandbox = await startLaporSandbox({ reports: 0 });
    ctx.onCleanup(() => sandbox.close());
    // Each report is with Dinas PUPR, the unit that signs the answers (only the complaint's OPD may answer it).
    const trackingIds = Array.from({ length: ANSWERS + BURST + ANSWERS }, () => {
      const trackingId = sandbox.addReport({ disposed: true });
      sandbox.act(trackingId, { action: 'proses', unit: 'Dinas PUPR' });
      return trackingId;
    });
    const loaded = loadLaporConfig(sandbox, {
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

    const paced = await measureMemory('paced approvals', () =>
      approveAndWait(pipe, sandbox, trackingIds.slice(0, ANSWERS), 'paced', true),
    );
    const burst = await measureMemory('burst of approvals', () =>
      approveAndWait(pipe, sandbox, trackingIds.slice(ANSWERS, ANSWERS + BURST), 'burst', false),
    );
    const floor = await directFloor(pipe, trackingIds.slice(ANSWERS + BURST));
    await pipe.stop();

    const row = (label: string, s: Summary, base: Summary) => [
      label,
      String(s.count),
      fmtMs(s.p50),
      fmtMs(s.p95),
      fmtMs(s.p99),
      fmtMs(s.max),
      fmtRatio(s.p95, base.p95),
    ];
    printSection({
      title: 'push: approval → tindak lanjut visible on LAPOR',
      headers: ['run', 'answers', 'p50', 'p95', 'p99', 'max', 'p95 vs floor'],
      rows: [
        row('one at a time (20 ms apart)', paced.result.latency, floor),
        row(`burst of ${BURST}`, burst.result.latency, floor),
        row('floor: connector.postResponse, no pipeline', floor, floor),
      ],
      notes: [
        `burst delivered at ${fmtRate((BURST * 1000) / burst.result.elapsedMs)} answers/s`,
        'target: p95 ≤ 1 s from approval to visible, one at a time and in a burst, while LAPOR is healthy and the write budget allows it',
        `latencies are read by a watcher that looks every ${WATCH_MS} ms at the answers not yet visible (±${WATCH_MS} ms); the floor is timed around each call`,
        `load average (1 min) at the end: ${loadavg()[0]!.toFixed(2)}`,
      ],
    });
    printSection(memorySection([paced.memory, burst.memory]));
  },
);
