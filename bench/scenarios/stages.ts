import { pack, unpack } from 'msgpackr';
import { complaintId, type Complaint } from '../../src/domain/complaint.js';
import { complaintDraftSchema, type ComplaintDraft } from '../../src/domain/draft.js';
import { buildComplaint, type BuildInput } from '../../src/pipeline/build-complaint.js';
import { bucketsOf } from '../../src/dedup/buckets.js';
import { dedupDocOf } from '../../src/dedup/doc.js';
import { MemoryIndex } from '../../src/dedup/offline.js';
import { shingleCache } from '../../src/dedup/score.js';
import { DEFAULT_DEDUP_SETTINGS } from '../../src/dedup/settings.js';
import { rank } from '../../src/dedup/stage.js';
import { cleanText } from '../../src/text/normalize.js';
import { encodeComplaint, readComplaint } from '../../src/store/complaint-doc.js';
import { rawRecordSchema } from '../../src/store/records.js';
import { fmtCount, fmtMs, fmtRate, fmtRatio, fmtShare } from '../lib/format.js';
import { runSync, type LoadResult } from '../lib/load.js';
import type { Section } from '../lib/table.js';
import { recordWork, RECORD_WORK_LEAVES_OUT } from './record-work.js';
import type { SampleRecords } from './sample-records.js';

const SALT = 'bench-reporter-salt';
const NOW = new Date('2025-01-01T00:00:00.000Z');

function buildInput(draft: ComplaintDraft): BuildInput {
  const id = complaintId('lapor', draft.externalId);
  return { id, caseId: id, source: 'lapor', draft, salt: SALT, now: NOW };
}

/** The same record one minute later with one more line: a real change, so an update. */
function newerVersion(draft: ComplaintDraft): ComplaintDraft {
  return {
    ...draft,
    body: `${draft.body}<br />Mohon segera ditindaklanjuti.`,
    updatedAt: new Date(Date.parse(draft.updatedAt) + 60_000).toISOString(),
  };
}

/** Complaints as buildComplaint makes them from the sample: ledger documents for the ledger scenario. */
export function complaintsOf(drafts: readonly ComplaintDraft[]): Complaint[] {
  return drafts.map((d) => buildComplaint(buildInput(d), undefined)!.complaint);
}

interface Stage {
  name: string;
  run: () => LoadResult;
}

/**
 * The CPU-only steps of ingest, one record at a time, against a bare JSON round trip of
 * the same drafts: the least any step that reads and writes the record must cost.
 */
export function benchStages(sample: SampleRecords, passes: number): Section {
  const { drafts, raws, connector } = sample;
  const complaints = complaintsOf(drafts);
  const pairs = drafts.map((d, i) => ({ draft: d, existing: complaints[i]! }));
  const updates = drafts.map((d, i) => ({ draft: newerVersion(d), existing: complaints[i]! }));
  const storedRaw = drafts.map((d, i) => pack({ raw: raws[i], draft: d, fetchedAt: NOW.toISOString() }));
  const storedComplaints = complaints.map(encodeComplaint);
  const dedupDocs = complaints.map(dedupDocOf);
  const work = recordWork(sample);
  // Each document against what the index's buckets hold once every one is filed: up to 32 candidates.
  const index = new MemoryIndex();
  for (const doc of dedupDocs) index.addAndQuery(doc, bucketsOf(doc));
  const met = dedupDocs.map((doc) => ({ doc, candidates: index.addAndQuery(doc, bucketsOf(doc)) }));
  const shingled = shingleCache();
  const candidates = met.reduce((n, m) => n + m.candidates.length, 0) / Math.max(1, met.length);

  const baseline: Stage = {
    name: 'JSON.parse(JSON.stringify(draft)) (baseline)',
    run: () => runSync(drafts, passes, (d) => JSON.parse(JSON.stringify(d))),
  };
  const stages: Stage[] = [
    { name: 'map LAPOR item → draft (connector.mapRaw)', run: () => runSync(raws, passes, (r) => connector.mapRaw(r)) },
    {
      name: 'read raw record (msgpack + zod)',
      run: () => runSync(storedRaw, passes, (b) => rawRecordSchema.parse(unpack(b))),
    },
    {
      name: 'draft schema (zod safeParse)',
      run: () => runSync(drafts, passes, (d) => complaintDraftSchema.safeParse(d)),
    },
    { name: 'cleanText(body)', run: () => runSync(drafts, passes, (d) => cleanText(d.body)) },
    {
      name: 'buildComplaint, new',
      run: () => runSync(drafts, passes, (d) => buildComplaint(buildInput(d), undefined)),
    },
    {
      name: 'buildComplaint, newer version',
      run: () => runSync(updates, passes, (p) => buildComplaint(buildInput(p.draft), p.existing)),
    },
    {
      name: 'buildComplaint, same content',
      run: () => runSync(pairs, passes, (p) => buildComplaint(buildInput(p.draft), p.existing)),
    },
    { name: 'write ledger doc (encodeComplaint)', run: () => runSync(complaints, passes, encodeComplaint) },
    { name: 'read ledger doc (readComplaint)', run: () => runSync(storedComplaints, passes, readComplaint) },
    { name: 'dedup document (dedupDocOf)', run: () => runSync(complaints, passes, dedupDocOf) },
    { name: 'dedup buckets (shingles, MinHash, LSH bands)', run: () => runSync(dedupDocs, passes, bucketsOf) },
    {
      name: 'dedup: its candidates scored (rank)',
      run: () => runSync(met, passes, (m) => rank(m.doc, m.candidates, DEFAULT_DEDUP_SETTINGS, shingled)),
    },
    {
      name: 'normalize: safeParse + buildComplaint + stringify',
      run: () =>
        runSync(drafts, passes, (d) => {
          const parsed = complaintDraftSchema.safeParse(d);
          return parsed.success ? JSON.stringify(buildComplaint(buildInput(parsed.data), undefined)) : undefined;
        }),
    },
    {
      name: "a new record's work in all: parse, map, raw round trip, build, encode, dedup with its candidates",
      run: () => runSync(work.inputs, passes, work.step),
    },
  ];
  const base = baseline.run();
  const row = (name: string, r: LoadResult, isBaseline = false) => [
    name,
    fmtRate(r.perSecond),
    fmtMs(r.latencyMs.p50),
    fmtMs(r.latencyMs.p95),
    fmtMs(r.latencyMs.p99),
    fmtShare(r.waitingForCpu),
    isBaseline ? 'baseline' : fmtRatio(r.perSecond, base.perSecond),
  ];
  const avgBody = drafts.reduce((sum, d) => sum + d.body.length, 0) / drafts.length;
  const avgJson = drafts.reduce((sum, d) => sum + JSON.stringify(d).length, 0) / drafts.length;
  return {
    title: 'pure stages: per record, no I/O',
    headers: ['stage', 'records/s', 'p50', 'p95', 'p99', 'waiting for a CPU', '× baseline'],
    rows: [row(baseline.name, base, true), ...stages.map((s) => row(s.name, s.run()))],
    notes: [
      `${fmtCount(drafts.length)} real LAPOR records (draft JSON ${fmtCount(avgJson)} chars, body ${fmtCount(avgBody)} chars on average), ${passes} timed passes after one warm-up pass; percentiles from one more pass timing each call.`,
      'waiting for a CPU: share of the throughput passes the event loop was ready to run while other processes held the cores; a row with a large share measured the neighbours too.',
      'buildComplaint includes cleanText of title, body and responses, the content hash (SHA-256 of the draft JSON) and the reporter hash.',
      `dedup: its candidates scored: each record's document against those the index's buckets hold once all are filed (the index's rule in memory, ${candidates.toFixed(1)} candidates on average), their shingles held as the stage holds those met before.`,
      `A new record's work in all (bench/scenarios/record-work.ts): the list item parsed from JSON and mapped, stored and read back as a raw record (msgpack, zod, SHA-1), its draft checked, the complaint built and encoded, its dedup document and buckets made and up to 32 candidates (the index's rule, in memory) scored. Left out: ${RECORD_WORK_LEAVES_OUT}.`,
    ],
  };
}
