import type { Redis } from 'ioredis';
import type { Complaint } from '../../src/domain/complaint.js';
import { systemClock } from '../../src/domain/clock.js';
import type { AuditEntry } from '../../src/store/audit.js';
import type { Ledger } from '../../src/store/ledger.js';
import { createStore } from '../../src/store/store.js';
import { fmtCount, fmtMs, fmtRate, fmtRatio, fmtShare } from '../lib/format.js';
import { runConcurrent, type LoadResult } from '../lib/load.js';
import type { Section } from '../lib/table.js';

export const LEDGER_CONCURRENCY = [1, 8, 32] as const;
const AUDIT: AuditEntry = { who: 'bench', what: 'created', why: 'benchmark' };

/** Distinct complaints (own ids) cut from the sample, so creates never collide. */
function documents(sample: readonly Complaint[], count: number, tag: string): Complaint[] {
  return Array.from({ length: count }, (_, i) => {
    const base = sample[i % sample.length]!;
    const id = `c-bench-${tag}-${i}`;
    return { ...base, id, caseId: id, externalId: `${base.externalId}-${tag}-${i}` };
  });
}

interface Row {
  name: string;
  concurrency: string;
  result: LoadResult;
  baseline?: LoadResult;
}

async function atConcurrency(
  ledger: Ledger,
  redis: Redis,
  prefix: string,
  sample: readonly Complaint[],
  ops: number,
  c: number,
): Promise<Row[]> {
  const docs = documents(sample, ops, `c${c}`);
  const texts = docs.map((d) => JSON.stringify(d));
  const set = await runConcurrent(ops, c, (i) => redis.set(`${prefix}:plain:c${c}:${i}`, texts[i]!));
  const create = await runConcurrent(ops, c, (i) =>
    ledger.transact(docs[i]!.id, () => ({ complaint: docs[i]!, audit: AUDIT })),
  );
  const update = await runConcurrent(ops, c, (i) =>
    ledger.transact(docs[i]!.id, (existing) => ({
      complaint: {
        ...existing!,
        status: 'in_progress',
        updatedAt: new Date(Date.parse(existing!.updatedAt) + 60_000).toISOString(),
        version: existing!.version + 1,
      },
      audit: { ...AUDIT, what: 'updated' },
    })),
  );
  const unchanged = await runConcurrent(ops, c, (i) => ledger.transact(docs[i]!.id, () => null));
  const get = await runConcurrent(ops, c, (i) => redis.get(`${prefix}:plain:c${c}:${i}`));
  return [
    { name: 'plain SET of the document (baseline)', concurrency: String(c), result: set },
    { name: 'ledger create (GET + Lua compare-and-set)', concurrency: String(c), result: create, baseline: set },
    { name: 'ledger update (GET + zod + Lua compare-and-set)', concurrency: String(c), result: update, baseline: set },
    { name: 'ledger unchanged (GET + zod, no write)', concurrency: String(c), result: unchanged, baseline: set },
    { name: 'plain GET of the document', concurrency: String(c), result: get, baseline: set },
  ];
}

/** Pipelined SETs, one batch of 1000 at a time: how raw records are saved, a page per pipeline. */
async function pipelinedSet(redis: Redis, prefix: string, docs: readonly Complaint[]): Promise<LoadResult> {
  const batch = 1000;
  const batches = Math.ceil(docs.length / batch);
  const texts = docs.map((d) => JSON.stringify(d));
  const result = await runConcurrent(batches, 1, async (b) => {
    const pipeline = redis.pipeline();
    for (let i = b * batch; i < Math.min(docs.length, (b + 1) * batch); i++)
      pipeline.set(`${prefix}:pipelined:${i}`, texts[i]!);
    await pipeline.exec();
  });
  return { ...result, ops: docs.length, perSecond: (docs.length * 1000) / result.elapsedMs };
}

/** Several writers updating one complaint: every lost compare-and-set is a re-read and a new decision. */
async function hotKey(
  ledger: Ledger,
  doc: Complaint,
  writers: number,
  writes: number,
): Promise<{ result: LoadResult; decisions: number; gaveUp: number }> {
  await ledger.transact(doc.id, () => ({ complaint: doc, audit: AUDIT }));
  let decisions = 0;
  let gaveUp = 0;
  const result = await runConcurrent(writes, writers, async () => {
    try {
      await ledger.transact(doc.id, (existing) => {
        decisions++;
        return { complaint: { ...existing!, version: existing!.version + 1 }, audit: { ...AUDIT, what: 'updated' } };
      });
    } catch {
      gaveUp++;
    }
  });
  return { result, decisions, gaveUp };
}

export async function benchLedger(
  redis: Redis,
  prefix: string,
  sample: readonly Complaint[],
  ops: number,
): Promise<Section> {
  const store = createStore(redis, prefix, systemClock, { failingAfter: 3, reporterSalt: 'bench' });
  const rows: Row[] = [];
  // Warm-up (not shown): JIT, connection buffers and the Lua script cache, so the first row is not paying for them.
  await atConcurrency(store.ledger, redis, prefix, sample, Math.min(ops, 500), 4);
  const pipelined = await pipelinedSet(redis, prefix, documents(sample, ops, 'pipe'));
  for (const c of LEDGER_CONCURRENCY) rows.push(...(await atConcurrency(store.ledger, redis, prefix, sample, ops, c)));
  const hotWriters = 8;
  const hot = await hotKey(
    store.ledger,
    documents(sample, 1, 'hot')[0]!,
    hotWriters,
    Math.max(hotWriters, Math.round(ops / 5)),
  );
  const set8 = rows.find((r) => r.concurrency === String(hotWriters) && !r.baseline)!.result;
  rows.push({
    name: 'ledger update, all writers on one complaint',
    concurrency: String(hotWriters),
    result: hot.result,
    baseline: set8,
  });
  const show = (r: Row) => [
    r.name,
    r.concurrency,
    fmtRate(r.result.perSecond),
    fmtMs(r.result.latencyMs.p50),
    fmtMs(r.result.latencyMs.p95),
    fmtMs(r.result.latencyMs.p99),
    fmtShare(r.result.waitingForCpu),
    r.baseline ? fmtRatio(r.result.perSecond, r.baseline.perSecond) : 'baseline',
  ];
  return {
    title: 'ledger compare-and-set writes vs plain SET',
    headers: ['operation', 'concurrency', 'ops/s', 'p50', 'p95', 'p99', 'waiting for a CPU', '× baseline'],
    rows: [
      ...rows.map(show),
      [
        'pipelined SET, batches of 1000 one after another',
        '–',
        fmtRate(pipelined.perSecond),
        '–',
        '–',
        '–',
        fmtShare(pipelined.waitingForCpu),
        fmtRatio(pipelined.perSecond, rows[0]!.result.perSecond),
      ],
    ],
    notes: [
      `${fmtCount(ops)} operations per row on one connection (as the daemon's store uses), documents of ${fmtCount(sample.reduce((sum, c) => sum + JSON.stringify(c).length, 0) / sample.length)} chars on average cut from real LAPOR records; baseline: plain SET of the same document at the same concurrency.`,
      "waiting for a CPU: share of the row's time the event loop was ready to run while other processes held the cores (Redis, on the same two cores, is one of them).",
      'The pipelined row is compared with plain SET at concurrency 1; raw records are stored that way, one pipeline per page.',
      'A ledger write is a GET, a decision in Node, then one Lua call that compares the version and writes the document, the external-id map, the index, the case set and an audit stream entry.',
      `one complaint, ${hotWriters} writers: ${(hot.decisions / Math.max(1, hot.result.ops - hot.gaveUp)).toFixed(2)} decisions per write (lost compare-and-sets re-read), ${fmtCount(hot.gaveUp)} of ${fmtCount(hot.result.ops)} gave up after 20 attempts.`,
    ],
  };
}
