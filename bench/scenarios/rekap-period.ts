import type { Redis } from 'ioredis';
import { loadConfig } from '../../src/config/load.js';
import { complaintId, contentHashOf, type Complaint } from '../../src/domain/complaint.js';
import { DAY_MS } from '../../src/domain/local-date.js';
import { computeRekap } from '../../src/rekap/scan.js';
import { periodBounds } from '../../src/rekap/period.js';
import { rekapSettings } from '../../src/rekap/settings.js';
import type { PageItem } from '../../src/store/ledger.js';
import { markNewLedger } from '../../src/store/one-time-builds.js';
import { createStore, type Store } from '../../src/store/store.js';
import { fmtBytes, fmtCount, fmtMs, fmtRatio, fmtRate } from '../lib/format.js';
import { summarize, type Summary } from '../lib/stats.js';
import type { Section } from '../lib/table.js';

/** Complaints a day (~15,000 a month: a busy kota, or a province's share of a national ledger), so a month holds the same whatever the ledger's size. */
const PER_DAY = 500;
/** The rekap is asked on the last day of March 2026; the ledger reaches back as far as its size needs. */
export const NOW = new Date('2026-03-31T10:00:00Z');
const MONTH = { from: '2026-03-01', to: '2026-03-31' };
const WRITE_PAGE = 500;
/** Forty units of the shipped OPD directory, so the routing training (daemon-memory) learns from them. */
const OPDS = loadConfig({ env: {} })
  .opd.list()
  .slice(0, 40)
  .map((u) => u.code);
const SOURCES = ['lapor', 'wa-desk', 'superapp', 'open311'];
const WORDS =
  'jalan rusak lampu mati sampah menumpuk banjir saluran air bersih listrik padam puskesmas antrean obat sekolah guru pungutan izin usaha pasar parkir liar bantuan sosial data kependudukan'.split(
    ' ',
  );

/** A deterministic generator, so the same size writes the same ledger in every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The i-th complaint of a ledger of `size`, reported `PER_DAY` a day back from NOW: an OPD
 * for most, a category for 70%, an answer for 60%, one in 30 joined to an earlier case.
 */
function complaintAt(i: number, size: number, rand: () => number): Complaint {
  const source = SOURCES[i % SOURCES.length]!;
  const externalId = String(1_000_000 + i);
  const id = complaintId(source, externalId);
  const reported = NOW.getTime() - ((size - i) / PER_DAY) * DAY_MS;
  const at = (ms: number) => new Date(ms).toISOString();
  const words = Array.from({ length: 8 }, () => WORDS[Math.floor(rand() * WORDS.length)]!);
  const answered = rand() < 0.6;
  const earlier = i > 100 && rand() < 1 / 30 ? i - 1 - Math.floor(rand() * 100) : undefined;
  const opd = rand() < 0.9 ? OPDS[Math.floor(rand() * OPDS.length)]! : undefined;
  return {
    id,
    caseId: earlier === undefined ? id : complaintId(SOURCES[earlier % SOURCES.length]!, String(1_000_000 + earlier)),
    source,
    externalId,
    crossRefs: [],
    title: words.slice(0, 4).join(' '),
    body: `${words.join(' ')}. Mohon segera ditindaklanjuti oleh dinas terkait, sudah berminggu-minggu tidak ada perbaikan.`,
    rawBody: words.join(' '),
    ...(rand() < 0.7 ? { category: { id: String(Math.floor(rand() * 30)), name: `Kategori ${words[0]}` } } : {}),
    ...(opd ? { opd: { code: opd, name: `Dinas ${opd}`, assignedBy: 'source' as const } } : {}),
    anonim: false,
    rahasia: rand() < 0.05,
    reportedAt: at(reported),
    receivedAt: at(reported + 60_000),
    updatedAt: at(reported + 60_000),
    status: answered ? 'responded' : opd ? 'disposed' : 'received',
    responses: answered
      ? [
          {
            id: `r-${i}`,
            source,
            at: at(reported + rand() * 10 * DAY_MS),
            text: 'Terima kasih, laporan sudah ditindaklanjuti oleh petugas di lapangan.',
            kind: 'tindak_lanjut' as const,
          },
        ]
      : [],
    attachments: [],
    contentHash: contentHashOf(externalId),
    version: 1,
  };
}

/**
 * Writes `size` complaints through the store's page write (one Lua call per 500), as ingest
 * does, into a ledger that grew under this version (its one-time builds marked done first, as
 * the daemon's runtime marks a new ledger).
 */
export async function fill(redis: Redis, store: Store, size: number): Promise<number> {
  const rand = random(size);
  const started = performance.now();
  await markNewLedger(redis, store.keys);
  for (let from = 0; from < size; from += WRITE_PAGE) {
    const items: PageItem[] = [];
    for (let i = from; i < Math.min(size, from + WRITE_PAGE); i++) {
      const c = complaintAt(i, size, rand);
      items.push({
        source: c.source,
        externalId: c.externalId,
        write: { complaint: c, audit: { who: 'bench', what: 'created', why: 'bench' } },
        expectedVersion: 0,
      });
    }
    await store.ledger.writePage(items);
  }
  return performance.now() - started;
}

async function timed(
  runs: number,
  work: (run: number) => Promise<unknown>,
  before?: (run: number) => Promise<unknown>,
) {
  await before?.(-1);
  await work(-1);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    await before?.(i);
    const started = performance.now();
    await work(i);
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

export interface RekapAtSize {
  size: number;
  fillMs: number;
  /** Cases counted in the month, and records read for it and the month before. */
  total: number;
  scanned: number;
  /** Summaries stored and current, the moment asked a minute later each run. */
  rekap: Summary;
  /** After one March day's 500 complaints were written again (a new version each): that day is built again. */
  afterWrites: Summary;
  /** No summary stored: every day of both months built from the records. */
  cold: Summary;
  /** One pipelined HVALS of the two months' day keys, nothing parsed. */
  bareRecords: Summary;
  /** The documents of the two months by the reported index (ZRANGEBYSCORE + MGET), nothing parsed: what a rekap that reads documents reads at least. */
  bareDocuments: Summary;
  recordBytes: number;
  /** Redis bytes of the stored day summaries, per day. */
  summaryBytes: number;
}

/** The keys under `pattern`, by SCAN. */
async function keysLike(redis: Redis, pattern: string): Promise<string[]> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    out.push(...found);
  } while (cursor !== '0');
  return out;
}

/** Writes the complaints reported on one March day again, one version on (a status change), in pages as ingest does. */
async function rewriteDay(store: Store, day: number): Promise<void> {
  const from = Date.parse(MONTH.from) + day * DAY_MS;
  const ids: string[] = [];
  for await (const batch of store.reported.batches(from, from + DAY_MS, WRITE_PAGE))
    ids.push(...batch.map((c) => c.id));
  const held = await store.ledger.getMany(ids);
  const items: PageItem[] = held.flatMap((c) =>
    c
      ? [
          {
            source: c.source,
            externalId: c.externalId,
            write: {
              complaint: { ...c, status: c.status === 'closed' ? 'responded' : 'closed', version: c.version + 1 },
              audit: { who: 'bench', what: 'updated', why: 'bench' },
            },
            expectedVersion: c.version,
          },
        ]
      : [],
  );
  for (let i = 0; i < items.length; i += WRITE_PAGE) await store.ledger.writePage(items.slice(i, i + WRITE_PAGE));
}

/**
 * A month's rekap over a ledger of each size, written in bulk through the store on a
 * redis-server of its own (flushed between sizes), against two bare reads of the same run:
 * kept warm, after a day's writes, and cold.
 */
export async function measureRekapPeriods(
  redisUrl: string,
  admin: Redis,
  sizes: readonly number[],
  runs: number,
): Promise<RekapAtSize[]> {
  const { Redis: Client } = await import('ioredis');
  const settings = rekapSettings(loadConfig({ env: {} }).config);
  const out: RekapAtSize[] = [];
  for (const size of sizes) {
    await admin.flushdb();
    const redis = new Client(redisUrl);
    try {
      const store = createStore(redis, 'lbbench-rekap', { now: () => NOW, sleep: async () => {} }, { failingAfter: 3 });
      const fillMs = await fill(redis, store, size);
      const request = { period: MONTH, now: NOW };
      const result = await computeRekap(store, settings, request);
      const { start, end } = periodBounds(MONTH, settings.offsetMs);
      const from = start.getTime() - (end.getTime() - start.getTime());
      const days: string[] = [];
      for (let d = Math.floor(from / DAY_MS); d <= Math.floor((end.getTime() - 1) / DAY_MS); d++)
        days.push(store.keys.rekapDay(d));
      const bareRecords = () => days.reduce((p, key) => p.hvalsBuffer(key), redis.pipeline()).exec();
      const bareDocuments = async () => {
        const ids = await redis.zrangebyscore(store.keys.reportedIndex(), from, `(${end.getTime()}`);
        for (let i = 0; i < ids.length; i += 500)
          await redis.mget(ids.slice(i, i + 500).map((id) => store.keys.complaint(id)));
      };
      let recordBytes = 0;
      for (const key of days) recordBytes += (await redis.memory('USAGE', key, 'SAMPLES', 0)) ?? 0;
      const summaries = await keysLike(redis, store.keys.rekapSummary('*', 0).replace(/:0$/, ':*'));
      let summaryBytes = 0;
      for (const key of summaries) summaryBytes += (await redis.memory('USAGE', key, 'SAMPLES', 0)) ?? 0;
      // Each run asks a minute later than the one before: the summaries hold across moments.
      const at = (run: number) => ({ ...request, now: new Date(NOW.getTime() + (run + 1) * 60_000) });
      out.push({
        size,
        fillMs,
        total: result.total.total,
        scanned: result.scanned,
        rekap: await timed(runs, (run) => computeRekap(store, settings, at(run))),
        afterWrites: await timed(
          runs,
          (run) => computeRekap(store, settings, at(run)),
          (run) => rewriteDay(store, (run + 31) % 31),
        ),
        cold: await timed(
          Math.min(runs, 3),
          (run) => computeRekap(store, settings, at(run)),
          async () => {
            const stored = await keysLike(redis, store.keys.rekapSummary('*', 0).replace(/:0$/, ':*'));
            if (stored.length > 0) await redis.unlink(...stored);
          },
        ),
        bareRecords: await timed(runs, bareRecords),
        bareDocuments: await timed(runs, bareDocuments),
        recordBytes: recordBytes / Math.max(1, result.scanned),
        summaryBytes: summaryBytes / Math.max(1, summaries.length),
      });
    } finally {
      redis.disconnect();
    }
  }
  await admin.flushdb();
  return out;
}

export function rekapPeriodSection(results: readonly RekapAtSize[], runs: number): Section {
  const rows: string[][] = [];
  for (const r of results) {
    const row = (label: string, s: Summary) => [
      fmtCount(r.size),
      label,
      fmtMs(s.p50),
      fmtMs(s.p99),
      label.startsWith('bare HVALS') ? 'baseline' : fmtRatio(s.p50, r.bareRecords.p50),
    ];
    rows.push(row('rekap, summaries kept (computeRekap)', r.rekap));
    rows.push(row("rekap after a day's writes", r.afterWrites));
    rows.push(row('rekap cold (no summary stored)', r.cold));
    rows.push(row('bare HVALS of the days', r.bareRecords));
    rows.push(row('bare ZRANGEBYSCORE + MGET of the documents', r.bareDocuments));
  }
  return {
    title: 'rekap of one month (March 2026) by ledger size',
    headers: ['ledger complaints', 'read', 'p50', 'p99', 'p50 ÷ bare HVALS p50'],
    rows,
    notes: [
      ...results.map(
        (r) =>
          `${fmtCount(r.size)} complaints written in ${fmtMs(r.fillMs)} (${fmtRate((r.size * 1000) / r.fillMs)}/s through Ledger.writePage); the month counts ${fmtCount(r.total)} cases, ${fmtCount(r.scanned)} records stand behind it and the month before (trend); ${fmtBytes(r.recordBytes)} of Redis per rekap record, ${fmtBytes(r.summaryBytes)} per stored day summary.`,
      ),
      `${fmtCount(PER_DAY)} complaints a day, so a month holds the same whatever the ledger's size; ${runs} timed runs after one warm-up (cold: ${Math.min(runs, 3)}), on a redis-server of the bench's own; each run asks a minute later than the one before.`,
      "Kept: the day summaries of both months stored and current. After a day's writes: before each run, the 500 complaints of one March day are written again (a new version each, through Ledger.writePage, untimed), so that local day (and the neighbour its UTC day reaches into) is built again. Cold: every stored summary deleted before each run.",
      'The bare reads move the same two months as raw bytes and parse nothing: the floor a rekap that reads the records cannot beat; the documents read is what a rekap over whole complaints had to read at least.',
      'target: ≤ 200 ms at 1,000,000 complaints, never cut short.',
    ],
  };
}
