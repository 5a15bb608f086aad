import { STATUS_RANK } from '../domain/status.js';
import { complaintOf, rekapRecordOf } from '../store/rekap-records.js';
import type { Store } from '../store/store.js';
import { hasOpd } from '../sla/policy.js';
import { opdKey } from './opd-key.js';
import type { RekapComplaint } from './types.js';

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

/**
 * For a batch of records read by the rekap: the view of each case whose earliest record is
 * in the batch (the others are counted where their earliest record is). A case that never had
 * a second complaint is its one record; only the cases marked as having had more (one
 * SMISMEMBER per batch) cost a pipelined SMEMBERS, and one MGET for their other members.
 */
export async function caseViewsOf(
  store: Pick<Store, 'ledger' | 'rekapRecords'>,
  batch: readonly RekapComplaint[],
): Promise<CaseView[]> {
  const multi = await store.rekapRecords.multiRecord([...new Set(batch.map((c) => c.caseId))]);
  const members = await store.ledger.membersOfCases([...multi]);
  const inBatch = new Map(batch.map((c) => [c.id, c]));
  const missing = [...new Set([...members.values()].flat().filter((id) => !inBatch.has(id)))];
  const fetched = await store.ledger.documents(missing);
  const known = new Map(inBatch);
  missing.forEach((id, i) => {
    const c = complaintOf(fetched[i] ?? null);
    if (c) known.set(id, rekapRecordOf(c));
  });
  const views: CaseView[] = [];
  for (const c of batch) {
    const ids = multi.has(c.caseId) ? (members.get(c.caseId) ?? []) : [];
    const records = [...new Set([c.id, ...ids])]
      .map((id) => known.get(id))
      .filter((r): r is RekapComplaint => r !== undefined && r.caseId === c.caseId);
    const view = viewOf(records);
    if (view.complaint.id === c.id) views.push(view);
  }
  return views;
}

/** One batch of the walk by report time: its case views, and what was read to find them. */
export interface ReportedCaseBatch {
  views: CaseView[];
  /** Rekap records read, readable or not. */
  scanned: number;
  /** Records present but not readable, left out. */
  unreadable: number;
}

/**
 * The cases whose earliest record was reported in [fromMs, toMs), read through the rekap
 * records of those days a few days at a time: the one read loop of the rekap and the due lists.
 */
export async function* reportedCaseViews(
  store: Pick<Store, 'rekapRecords' | 'ledger'>,
  fromMs: number,
  toMs: number,
): AsyncGenerator<ReportedCaseBatch> {
  for await (const batch of store.rekapRecords.between(fromMs, toMs)) {
    yield {
      views: await caseViewsOf(store, batch.records),
      scanned: batch.records.length + batch.unreadable,
      unreadable: batch.unreadable,
    };
  }
}
