import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { bucketsOf } from '../../src/dedup/buckets.js';
import type { DedupDoc } from '../../src/dedup/doc.js';
import { DEFAULT_DEDUP_SETTINGS } from '../../src/dedup/settings.js';
import { parseDocs, rank } from '../../src/dedup/stage.js';
import { ShingleCache } from '../../src/dedup/score.js';
import { DedupIndex } from '../../src/store/dedup-index.js';
import { ledgerKeys } from '../../src/store/keys.js';
import { describeMachine } from '../lib/machine.js';
import { benchPrefix, deleteIssuedPrefixes, scanPrefix } from '../lib/redis-prefix.js';
import { summarize } from '../lib/stats.js';
import { generateCorpus } from './corpus.js';

/**
 * `npm run bench:dedup`: the near-duplicate index in Redis filled with N generated
 * complaints, then insert-and-query latency (the one Lua call of the ingest stage, and
 * with the scoring of its candidates) and Redis memory per indexed complaint. Prints
 * markdown; never passes or fails on time. Writes only under its own prefix and deletes
 * it at the end, also after Ctrl-C.
 */
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    ops: { type: 'string', default: '2000' },
    redis: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(
    'npm run bench:dedup -- [--sizes 10000,100000,1000000] [--ops 2000] [--redis redis://127.0.0.1:6379]\n',
  );
  process.exit(0);
}
const sizes = values.sizes.split(',').map(Number);
const ops = Number(values.ops);
if (sizes.some((n) => !Number.isInteger(n) || n < 100) || !Number.isInteger(ops) || ops < 10) {
  process.stderr.write('--sizes takes integers ≥ 100, --ops an integer ≥ 10\n');
  process.exit(2);
}
const redis = new Redis(
  values.redis ?? process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
);
const cleanup = async () => {
  const deleted = await deleteIssuedPrefixes(redis);
  process.stderr.write(`deleted ${deleted} keys of this run\n`);
};
process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));

const OPTIONS = { maxCandidates: 32 };

function docsFor(count: number, seed: number): DedupDoc[] {
  const docs: DedupDoc[] = [];
  for (let part = 0; docs.length < count; part++) {
    for (const r of generateCorpus({ seed: seed * 1000 + part, problems: 5000 })) {
      docs.push({ ...r.doc, id: `b${docs.length}` });
      if (docs.length >= count) break;
    }
  }
  return docs;
}

async function footprint(prefix: string): Promise<Map<string, { keys: number; bytes: number }>> {
  const kinds = new Map<string, { keys: number; bytes: number }>();
  await scanPrefix(redis, prefix, async (keys) => {
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.memory('USAGE', key, 'SAMPLES', 0);
    const results = (await pipeline.exec()) ?? [];
    keys.forEach((key, i) => {
      const bytes = results[i]?.[1];
      if (typeof bytes !== 'number') return;
      const kind = key
        .slice(prefix.length + 1)
        .split(':')
        .slice(0, 2)
        .join(':');
      const entry = kinds.get(kind) ?? { keys: 0, bytes: 0 };
      entry.keys += 1;
      entry.bytes += bytes;
      kinds.set(kind, entry);
    });
  });
  return kinds;
}

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
const rows: string[] = [];
const memoryRows: string[] = [];
try {
  const machine = await describeMachine(redis);
  for (const size of sizes) {
    const prefix = benchPrefix('dedup');
    const index = new DedupIndex(redis, ledgerKeys(prefix), OPTIONS);
    const docs = docsFor(size + ops, size);
    const fillStarted = performance.now();
    for (let i = 0; i < size; i += 500) {
      await index.addAndQueryMany(
        docs
          .slice(i, Math.min(size, i + 500))
          .map((d) => ({ id: d.id, doc: JSON.stringify(d), buckets: bucketsOf(d) })),
      );
    }
    const fillMs = performance.now() - fillStarted;
    const call: number[] = [];
    const whole: number[] = [];
    const candidates: number[] = [];
    const cache = new ShingleCache();
    for (const d of docs.slice(size, size + ops)) {
      const t0 = performance.now();
      const found = await index.addAndQuery({ id: d.id, doc: JSON.stringify(d), buckets: bucketsOf(d) });
      const t1 = performance.now();
      rank(d, parseDocs(found), DEFAULT_DEDUP_SETTINGS, cache);
      const t2 = performance.now();
      call.push(t1 - t0);
      whole.push(t2 - t0);
      candidates.push(found.length);
    }
    const kinds = await footprint(prefix);
    const total = [...kinds.values()].reduce((s, k) => s + k.bytes, 0);
    const n = size + ops;
    const c = summarize(call);
    const w = summarize(whole);
    const k = summarize(candidates);
    rows.push(
      `| ${size.toLocaleString('en')} | ${fmt(c.p50)} | ${fmt(c.p99)} | ${fmt(w.p50)} | ${fmt(w.p99)} | ${k.p50} / ${k.p99} | ${Math.round((size * 1000) / fillMs).toLocaleString('en')}/s |`,
    );
    memoryRows.push(
      `| ${size.toLocaleString('en')} | ${Math.round(total / n)} B | ${[...kinds.entries()]
        .sort((a, b) => b[1].bytes - a[1].bytes)
        .map(([kind, v]) => `${kind} ${Math.round(v.bytes / n)} B (${v.keys.toLocaleString('en')} keys)`)
        .join(', ')} |`,
    );
    await deleteIssuedPrefixes(redis);
  }
  process.stdout.write(
    [
      `## Dedup index (${ops} timed insert-and-query operations per size, one at a time)`,
      '',
      ...machine.map((m) => `- ${m}`),
      '',
      '| indexed complaints | Lua call p50 | Lua call p99 | call + scoring p50 | call + scoring p99 | candidates p50 / p99 | fill rate (pipelined, 500 per batch) |',
      '|---:|---:|---:|---:|---:|---:|---:|',
      ...rows,
      '',
      '| indexed complaints | Redis memory per complaint | by key kind, per complaint |',
      '|---:|---:|---|',
      ...memoryRows,
      '',
    ].join('\n'),
  );
} finally {
  await cleanup();
  await redis.quit();
}
