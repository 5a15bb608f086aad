import type { Redis } from 'ioredis';
import { loadConfig } from '../../src/config/load.js';
import { complaintId, contentHashOf, type Complaint } from '../../src/domain/complaint.js';
import { DAY_MS } from '../../src/domain/local-date.js';
import { computeRekap } from '../../src/rekap/scan.js';
import { periodBounds } from '../../src/rekap/period.js';
import { rekapSettings } from '../../src/rekap/settings.js';
import type { PageItem } from '../../src/store/ledger.js';
import { createStore, type Store } from '../../src/store/store.js';
import { fmtBytes, fmtCount, fmtMs, fmtRatio, fmtRate } from '../lib/format.js';
import { summarize, type Summary } from '../lib/stats.js';
import type { Section } from '../lib/table.js';

/** Complaints a day (~15,000 a month: a busy kota, or a province's share of a national ledger), so a month holds the same whatever the ledger's size. */
const PER_DAY = 500;
/** The rekap is asked on the last day of March 2026; the ledger reaches back as far as its size needs. */
const NOW = new Date('2026-03-31T10:00:00Z');
const MONTH = { from: '2026-03-01', to: '2026-03-31' };
const WRITE_PAGE = 500;
const OPDS = Array.from({ length: 40 }, (_, i) => `opd${i}`);
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

/** Writes `size` complaints through the store's page write (one Lua call per 500), as ingest does. */
async function fill(store: Store, size: number): Promise<number> {
  const rand = random(size);
  const started = performance.now();
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

async function timed(runs: number, work: () => Promise<unknown>): Promise<Summary> {
  await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
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
  rekap: Summary;
  /** One pipelined HVALS of the two months' day keys, nothing parsed. */
  bareRecords: Summary;
  /** The documents of the two months by the reported index (ZRANGEBYSCORE + MGET), nothing parsed: what a rekap that reads documents reads at least. */
  bareDocuments: Summary;
  recordBytes: number;
}

/**
 * A month's rekap over a ledger of each size, written in bulk through the store on a
 * redis-server of its own (flushed between sizes), against two bare reads of the same run.
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
      const fillMs = await fill(store, size);
      const request = { period: MONTH, now: NOW };
      const result = await computeRekap(store, settings, request);
      const { start, end } = periodBounds(MONTH, settings.offsetMs);
      const from = start.getTime() - (end.getTime() - start.getTime());
      const days: string[] = [];
      for (let d = Math.floor(from / DAY_MS); d <= Math.floor((end.getTime() - 1) / DAY_MS); d++)
        days.push(store.keys.rekapDay(d));
      const bareRecords = () => days.reduce((p, key) => p.hvals(key), redis.pipeline()).exec();
      const bareDocuments = async () => {
        const ids = await redis.zrangebyscore(store.keys.reportedIndex(), from, `(${end.getTime()}`);
        for (let i = 0; i < ids.length; i += 500)
          await redis.mget(ids.slice(i, i + 500).map((id) => store.keys.complaint(id)));
      };
      let recordBytes = 0;
      for (const key of days) recordBytes += (await redis.memory('USAGE', key, 'SAMPLES', 0)) ?? 0;
      out.push({
        size,
        fillMs,
        total: result.total.total,
        scanned: result.scanned,
        rekap: await timed(runs, () => computeRekap(store, settings, request)),
        bareRecords: await timed(runs, bareRecords),
        bareDocuments: await timed(runs, bareDocuments),
        recordBytes: recordBytes / Math.max(1, result.scanned),
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
      label === 'rekap (computeRekap)' ? 'measured' : fmtRatio(r.rekap.p50, s.p50),
    ];
    rows.push(row('rekap (computeRekap)', r.rekap));
    rows.push(row('bare HVALS of the days', r.bareRecords));
    rows.push(row('bare ZRANGEBYSCORE + MGET of the documents', r.bareDocuments));
  }
  return {
    title: 'rekap of one month (March 2026) by ledger size',
    headers: ['ledger complaints', 'read', 'p50', 'p99', 'rekap p50 ÷ this p50'],
    rows,
    notes: [
      ...results.map(
        (r) =>
          `${fmtCount(r.size)} complaints written in ${fmtMs(r.fillMs)} (${fmtRate((r.size * 1000) / r.fillMs)}/s through Ledger.writePage); the month counts ${fmtCount(r.total)} cases, ${fmtCount(r.scanned)} records read for it and the month before (trend); ${fmtBytes(r.recordBytes)} of Redis per rekap record.`,
      ),
      `${fmtCount(PER_DAY)} complaints a day, so a month holds the same whatever the ledger's size; ${runs} timed runs after one warm-up, on a redis-server of the bench's own.`,
      'The bare reads move the same two months as raw bytes and parse nothing: the floor a rekap that reads them cannot beat; the documents read is what a rekap over whole complaints had to read at least.',
      'target: ≤ 200 ms at 1,000,000 complaints, never cut short.',
    ],
  };
}
