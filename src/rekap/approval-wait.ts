import { decidedByHead, type OpdResponse, type ResponseStore } from '../store/responses.js';
import { QuantileCounter } from './quantiles.js';

/** How long an OPD's drafts waited for its head, over the answers to the period's cases. */
export interface ApprovalWaitRow {
  /** The rekap row key (directory code of the unit holding the work today), or null for no OPD. */
  key: string | null;
  /** Drafts the head approved or rejected. */
  decided: number;
  /** Hours from draft to the head's decision. */
  medianHours: number | null;
  p90Hours: number | null;
  /** Drafts still waiting now, and the longest of those waits. */
  waiting: number;
  oldestWaitingHours: number | null;
}

const HOUR_MS = 3_600_000;
const BATCH = 500;

/**
 * Collects the cases the rekap counted, under their row, then reads their answers in
 * batches: the cost follows the period's cases, never every answer of the ledger.
 */
export class ApprovalWaitTally {
  private readonly keyOfCase = new Map<string, string | null>();

  note(caseId: string, key: string | null): void {
    this.keyOfCase.set(caseId, key);
  }

  async result(responses: Pick<ResponseStore, 'ofCases'>, now: Date): Promise<ApprovalWaitRow[]> {
    const rows = new Map<string | null, { waits: QuantileCounter; decided: number; waiting: number; oldest: number }>();
    const row = (key: string | null) => {
      let r = rows.get(key);
      if (!r) rows.set(key, (r = { waits: new QuantileCounter(), decided: 0, waiting: 0, oldest: -1 }));
      return r;
    };
    const cases = [...this.keyOfCase.keys()];
    for (let i = 0; i < cases.length; i += BATCH) {
      const batch = cases.slice(i, i + BATCH);
      for (const answer of await responses.ofCases(batch)) {
        if (!this.keyOfCase.has(answer.caseId)) continue;
        const wait = waitOf(answer, now);
        if (!wait) continue;
        const r = row(this.keyOfCase.get(answer.caseId)!);
        if (wait.decided) {
          r.decided += 1;
          r.waits.add(wait.ms / HOUR_MS);
        } else {
          r.waiting += 1;
          r.oldest = Math.max(r.oldest, wait.ms);
        }
      }
    }
    return [...rows.entries()]
      .map(([key, r]) => ({
        key,
        decided: r.decided,
        medianHours: r.waits.median(),
        p90Hours: r.waits.quantile(0.9),
        waiting: r.waiting,
        oldestWaitingHours: r.oldest < 0 ? null : Math.round((r.oldest / HOUR_MS) * 100) / 100,
      }))
      .sort((a, b) => (a.key ?? '\uffff').localeCompare(b.key ?? '\uffff'));
  }
}

/** An answer's wait for its head: decided (draft → approve or reject) or still waiting; none when no head was asked. */
function waitOf(a: OpdResponse, now: Date): { decided: boolean; ms: number } | undefined {
  if (a.state === 'draft') return { decided: false, ms: Math.max(0, now.getTime() - Date.parse(a.createdAt)) };
  if (!decidedByHead(a)) return undefined;
  const at = a.state === 'approved' ? a.approvedAt : a.rejectedAt;
  return at ? { decided: true, ms: Math.max(0, Date.parse(at) - Date.parse(a.createdAt)) } : undefined;
}
