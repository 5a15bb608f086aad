import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { bucketsOf } from '../../src/dedup/buckets.js';
import type { DedupDoc } from '../../src/dedup/doc.js';
import { DEFAULT_DEDUP_SETTINGS } from '../../src/dedup/settings.js';
import { parseDocs, rank } from '../../src/dedup/stage.js';
import { shingleCache } from '../../src/dedup/score.js';
import { DedupIndex, type IndexEntry } from '../../src/store/dedup-index.js';
import { ledgerKeys } from '../../src/store/keys.js';
import { schedstat } from '../lib/cpu.js';
import { fmtBytes, fmtCount, fmtMs, fmtRatio, fmtShare } from '../lib/format.js';
import { describeMachine } from '../lib/machine.js';
import { startPrivateRedis } from '../lib/private-redis.js';
import { summarize } from '../lib/stats.js';
import { printSection } from '../lib/table.js';
import { generateCorpus } from './corpus.js';

/**
 * `npm run bench:dedup`: the near-duplicate index on a redis-server of the run's own,
 * filled with generated complaints up to each size in turn (10k, 100k, 1M by default),
 * and at each size insert-and-query latency (the one Lua call of the ingest stage, and
 * with the scoring of its candidates) and Redis memory per indexed complaint. The
 * baseline, in the same run on the same server: a bare HSET of the same document, timed
 * one at a time alternating with the index's calls, and its memory per complaint.
 * Prints markdown; never passes or fails on time.
 */
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    ops: { type: 'string', default: '2000' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(
    'npm run bench:dedup -- [--sizes 10000,100000,1000000] [--ops 2000]   (redis-server from BENCH_REDIS_SERVER or PATH)\n',
  );
  process.exit(0);
}
const sizes = values.sizes.split(',').map(Number);
const ops = Number(values.ops);
if (sizes.some((n, i) => !Number.isInteger(n) || n < 100 || (i > 0 && n <= sizes[i - 1]!)) || !Number.isInteger(ops)) {
  process.stderr.write('--sizes takes increasing integers ≥ 100, --ops an integer ≥ 10\n');
  process.exit(2);
}
if (ops < 10) {
  process.stderr.write('--ops takes an integer ≥ 10\n');
  process.exit(2);
}

/** Pipelined pages of the fill, as the ingest stage sends a page's records. */
const PAGE = 500;
const OPTIONS = { maxCandidates: 32 };

/** Generated complaints, one corpus part at a time, so a million never sit in memory together. */
function* generatedDocs(): Generator<DedupDoc> {
  let n = 0;
  for (let part = 0; ; part++)
    for (const r of generateCorpus({ seed: 1000 + part, problems: 5000 })) yield { ...r.doc, id: `b${n++}` };
}

function take(docs: Iterator<DedupDoc>, count: number): DedupDoc[] {
  const out: DedupDoc[] = [];
  while (out.length < count) out.push(docs.next().value as DedupDoc);
  return out;
}

const entryOf = (d: DedupDoc): IndexEntry => ({ id: d.id, doc: JSON.stringify(d), buckets: bucketsOf(d) });

async function usedMemory(redis: Redis): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? NaN);
}

const server = await startPrivateRedis();
const redis = new Redis(server.url);
process.once('SIGINT', () => void server.stop().finally(() => process.exit(130)));
try {
  const machine = await describeMachine(redis);
  const keys = ledgerKeys('bench');
  const index = new DedupIndex(redis, keys, OPTIONS);
  // The fill runs the same Lua script, page by page in one pipeline each; it asks for no
  // candidates back, which only the timed calls need.
  const loader = new DedupIndex(redis, keys, { maxCandidates: 0 });
  const baselineKey = 'baseline:docs';
  const docs = generatedDocs();
  const empty = await usedMemory(redis);
  let indexed = 0;
  let fillMs = 0;
  const latency: string[][] = [];
  const memory: string[][] = [];
  for (const size of sizes) {
    // Fill to the size: the next page is generated while Redis works on the one before.
    const fillStarted = performance.now();
    let inFlight: Promise<unknown> = Promise.resolve();
    let lastReport = indexed;
    while (indexed < size) {
      const page = take(docs, Math.min(PAGE, size - indexed));
      const baseline = redis.pipeline();
      for (const d of page) baseline.hset(baselineKey, d.id, JSON.stringify(d));
      const sent = Promise.all([loader.addAndQueryMany(page.map(entryOf)), baseline.exec()]);
      await inFlight;
      inFlight = sent;
      indexed += page.length;
      if (indexed - lastReport >= 50_000) {
        lastReport = indexed;
        process.stderr.write(
          `filled ${fmtCount(indexed)} (${fmtCount((indexed * 1000) / (fillMs + performance.now() - fillStarted))}/s overall)\n`,
        );
      }
    }
    await inFlight;
    fillMs += performance.now() - fillStarted;

    // Timed: one operation at a time, the index's call and the baseline's HSET alternating first.
    const call: number[] = [];
    const whole: number[] = [];
    const bare: number[] = [];
    const candidates: number[] = [];
    const cache = shingleCache();
    const sched = schedstat();
    const timedStarted = performance.now();
    const load = loadavg()[0]!;
    for (const [i, d] of take(docs, ops).entries()) {
      const entry = entryOf(d);
      const timeBare = async () => {
        const t0 = performance.now();
        await redis.hset(baselineKey, d.id, entry.doc);
        bare.push(performance.now() - t0);
      };
      if (i % 2 === 1) await timeBare();
      const t0 = performance.now();
      const found = await index.addAndQuery(entry);
      const t1 = performance.now();
      rank(d, parseDocs(found), DEFAULT_DEDUP_SETTINGS, cache);
      const t2 = performance.now();
      if (i % 2 === 0) await timeBare();
      call.push(t1 - t0);
      whole.push(t2 - t0);
      candidates.push(found.length);
    }
    indexed += ops;
    const timedMs = performance.now() - timedStarted;
    const after = schedstat();
    const waiting = sched && after ? (after[1] - sched[1]) / 1e6 / timedMs : undefined;

    const total = (await usedMemory(redis)) - empty;
    const usage = async (key: string) => Number(await redis.memory('USAGE', key, 'SAMPLES', 0));
    const [baselineBytes, docBytes, idBytes, keyCount] = await Promise.all([
      usage(baselineKey),
      usage(keys.dedupDocs()),
      usage(keys.dedupIds()),
      redis.hlen(keys.dedupBuckets()),
    ]);
    const indexBytes = total - baselineBytes;
    const [c, w, b, k] = [summarize(call), summarize(whole), summarize(bare), summarize(candidates)];
    latency.push([
      fmtCount(indexed),
      fmtMs(c.p50),
      fmtMs(c.p99),
      fmtMs(w.p50),
      fmtMs(w.p99),
      fmtMs(b.p50),
      fmtMs(b.p99),
      fmtRatio(b.p50, c.p50),
      fmtRatio(b.p99, c.p99),
      `${k.p50} / ${k.p99}`,
      load.toFixed(2),
      fmtShare(waiting),
    ]);
    memory.push([
      fmtCount(indexed),
      fmtBytes(indexBytes / indexed),
      fmtBytes(baselineBytes / indexed),
      `${(indexBytes / baselineBytes).toFixed(2)}×`,
      fmtBytes(docBytes / indexed),
      fmtBytes(idBytes / indexed),
      fmtBytes((indexBytes - docBytes - idBytes) / indexed),
      fmtCount(keyCount),
      fmtCount((indexed * 1000) / fillMs),
    ]);
    process.stderr.write(`measured at ${fmtCount(indexed)}\n`);
  }
  process.stdout.write(['# Dedup index', '', ...machine.map((m) => `- ${m}`), ''].join('\n') + '\n');
  printSection({
    title: `Insert-and-query latency (${ops} timed operations per size, one at a time)`,
    headers: [
      'indexed complaints',
      'Lua call p50',
      'Lua call p99',
      'call + scoring p50',
      'call + scoring p99',
      'bare HSET p50',
      'bare HSET p99',
      '× baseline (p50)',
      '× baseline (p99)',
      'candidates p50 / p99',
      'load (1 min)',
      'waiting for a CPU',
    ],
    rows: latency,
    notes: [
      'Baseline: HSET of the same document into one hash on the same redis-server, one round trip, alternating with the Lua call (odd operations first, even ones after). "× baseline" is the Lua call\'s rate ÷ the HSET\'s (1 ÷ latency), below 1 slower.',
      '"waiting for a CPU": share of the timed stretch the event loop was ready to run while other processes held the cores (/proc/self/schedstat).',
    ],
  });
  printSection({
    title: 'Redis memory per indexed complaint',
    headers: [
      'indexed complaints',
      'index',
      'bare HSET of the document',
      'index ÷ bare',
      'of which documents',
      'ids',
      'buckets',
      'buckets held',
      'fill rate (generation included)',
    ],
    rows: memory,
    notes: [
      `Index: INFO used_memory of the run's own redis-server since it started empty, less the baseline hash (MEMORY USAGE); documents and ids by MEMORY USAGE, buckets the rest.`,
      `Fill: pages of ${PAGE} through the ingest stage's Lua script in one pipeline each, while the next page is generated.`,
    ],
  });
} finally {
  redis.disconnect();
  await server.stop();
}
