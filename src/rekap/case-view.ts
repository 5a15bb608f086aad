import { STATUS_RANK } from '../domain/status.js';
import type { Ledger } from '../store/ledger.js';
import type { Store } from '../store/store.js';
import { hasOpd } from '../sla/policy.js';
import { opdKey } from './opd-key.js';
import { rekapComplaintSchema, type RekapComplaint } from './types.js';

/**
 * The rekap counts cases, not records: a complaint told on three channels is counted once,
 * in the period of its earliest record, under the case's OPD. A case is seen as its
 * earliest record (by reportedAt, then id) with what the others add: the OPD when that
 * record names none, every answer, and the furthest status.
 */
export interface CaseView {
  /** The record that stands for the case, enriched by the others. */
  complaint: RekapComplaint;
  /** Every source the case's records came from. */
  sources: Set<string>;
}

function earliest(a: RekapComplaint, b: RekapComplaint): number {
  return Date.parse(a.reportedAt) - Date.parse(b.reportedAt) || a.id.localeCompare(b.id);
}

export function viewOf(records: readonly RekapComplaint[]): CaseView {
  const sorted = [...records].sort(earliest);
  const first = sorted[0]!;
  const responses = new Map(sorted.flatMap((c) => c.responses).map((r) => [r.id, r]));
  // A directory code wins over a name the directory does not know, the earliest record over later ones.
  const opd = [first, ...sorted].find((c) => opdKey(c.opd))?.opd ?? [first, ...sorted].find((c) => hasOpd(c.opd))?.opd;
  const status = sorted.reduce((s, c) => (STATUS_RANK[c.status] > STATUS_RANK[s] ? c.status : s), first.status);
  return {
    complaint: {
      ...first,
      ...(opd ? { opd } : {}),
      status,
      rahasia: sorted.some((c) => c.rahasia),
      responses: [...responses.values()],
    },
    sources: new Set(sorted.map((c) => c.source)),
  };
}

/** A ledger document as the rekap reads it; undefined when absent or not readable as a complaint. */
export function parseRekapComplaint(json: string | null): RekapComplaint | undefined {
  if (json === null) return undefined;
  try {
    const parsed = rekapComplaintSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * For a batch of complaints read by the rekap: the view of each case whose earliest record
 * is in the batch (the others are counted where their earliest record is). Costs one
 * pipelined SMEMBERS per batch, and one MGET for the members of multi-record cases.
 */
export async function caseViewsOf(
  ledger: Pick<Ledger, 'membersOfCases' | 'documents'>,
  batch: readonly RekapComplaint[],
): Promise<CaseView[]> {
  const members = await ledger.membersOfCases([...new Set(batch.map((c) => c.caseId))]);
  const inBatch = new Map(batch.map((c) => [c.id, c]));
  const missing = [...new Set([...members.values()].flat().filter((id) => !inBatch.has(id)))];
  const fetched = await ledger.documents(missing);
  const known = new Map(inBatch);
  missing.forEach((id, i) => {
    const c = parseRekapComplaint(fetched[i] ?? null);
    if (c) known.set(id, c);
  });
  const views: CaseView[] = [];
  for (const c of batch) {
    const ids = members.get(c.caseId) ?? [];
    const records = [...new Set([c.id, ...ids])]
      .map((id) => known.get(id))
      .filter((r): r is RekapComplaint => r !== undefined && r.caseId === c.caseId);
    const view = viewOf(records);
    if (view.complaint.id === c.id) views.push(view);
  }
  return views;
}

const BATCH = 500;

/** One batch of the walk by report time: its case views, and what was read to find them. */
export interface ReportedCaseBatch {
  views: CaseView[];
  /** Index entries read, present or not. */
  scanned: number;
  /** Documents present but not readable as complaints, left out. */
  unreadable: number;
}

/**
 * The cases whose earliest record was reported in [fromMs, toMs), read through the index by
 * report time a batch at a time: the one read loop of the rekap and the due lists.
 */
export async function* reportedCaseViews(
  store: Pick<Store, 'reported' | 'ledger'>,
  fromMs: number,
  toMs: number,
): AsyncGenerator<ReportedCaseBatch> {
  for await (const batch of store.reported.batches(fromMs, toMs, BATCH)) {
    const records: RekapComplaint[] = [];
    let unreadable = 0;
    for (const { json } of batch) {
      const c = parseRekapComplaint(json);
      if (c) records.push(c);
      else if (json !== null) unreadable += 1;
    }
    yield { views: await caseViewsOf(store.ledger, records), scanned: batch.length, unreadable };
  }
}
