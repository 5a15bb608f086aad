import { hash } from 'node:crypto';
import { pack, unpack } from 'msgpackr';
import { complaintId } from '../../src/domain/complaint.js';
import { complaintDraftSchema } from '../../src/domain/draft.js';
import { bucketsOf } from '../../src/dedup/buckets.js';
import { dedupDocOf } from '../../src/dedup/doc.js';
import { MemoryIndex } from '../../src/dedup/offline.js';
import { shingleCache } from '../../src/dedup/score.js';
import { DEFAULT_DEDUP_SETTINGS } from '../../src/dedup/settings.js';
import { rank } from '../../src/dedup/stage.js';
import { buildComplaint } from '../../src/pipeline/build-complaint.js';
import { encodeComplaint } from '../../src/store/complaint-doc.js';
import { rawRecordSchema } from '../../src/store/records.js';
import { runSync, type LoadResult } from '../lib/load.js';
import type { SampleRecords } from './sample-records.js';

const SALT = 'bench-reporter-salt';
const FETCHED_AT = '2025-01-01T00:00:00.000Z';
const NOW = new Date(FETCHED_AT);

/** What the ceiling leaves out, for the notes that print it. */
export const RECORD_WORK_LEAVES_OUT =
  "routing, push planning, audit entries, the Redis client's encoding and replies, HTTP, and waiting for Redis";

/**
 * The CPU work ingest does for one new LAPOR record, in the pipeline's order and with its own
 * functions, without any I/O: the list item parsed from the page's JSON and mapped to a draft,
 * stored and read back as a raw record, the draft checked again, the complaint built and
 * encoded for the ledger, its dedup document and buckets made, and its candidates (the
 * index's rule, in memory) scored. A step function for `runSync`: what one core can do at
 * best, with nothing waited for.
 */
export function recordWork(sample: SampleRecords): { inputs: string[]; step: (page: string) => unknown } {
  const inputs = sample.raws.map((raw) => JSON.stringify(raw));
  const index = new MemoryIndex();
  let cache = shingleCache();
  let met = 0;
  const step = (text: string): unknown => {
    // A text's shingles are computed once, when it is first met, as the stage's cache does:
    // forgotten after each pass over the sample, so a pass pays for every text once.
    if (met++ % inputs.length === 0) cache = shingleCache();
    const mapped = sample.connector.mapRaw(JSON.parse(text));
    if (!mapped.ok) return undefined;
    const stored = pack({ raw: mapped.raw, draft: mapped.draft, fetchedAt: FETCHED_AT });
    const held = rawRecordSchema.parse(unpack(stored));
    hash('sha1', stored, 'hex');
    const draft = complaintDraftSchema.safeParse(held.draft);
    if (!draft.success) return undefined;
    const id = complaintId('lapor', draft.data.externalId);
    const built = buildComplaint(
      { id, caseId: id, source: 'lapor', draft: draft.data, salt: SALT, now: NOW },
      undefined,
    );
    if (!built) return undefined;
    const document = encodeComplaint(built.complaint);
    const doc = dedupDocOf(built.complaint);
    const filed = JSON.stringify(doc);
    const candidates = index.addAndQuery(doc, bucketsOf(doc));
    return [document, filed, rank(doc, candidates, DEFAULT_DEDUP_SETTINGS, cache)];
  };
  return { inputs, step };
}

/** `recordWork` over the sample, `passes` times after a warm-up pass. */
export function measureRecordWork(sample: SampleRecords, passes: number): LoadResult {
  const { inputs, step } = recordWork(sample);
  return runSync(inputs, passes, step);
}
