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

/** One row's approval waits in a form that can be stored and added to another's; the same at any moment asked. */
export interface WaitData {
  decided: number;
  /** Hours from draft to decision, as a quantile counter's buckets. */
  hours: [number, number][];
  waiting: number;
  /** When the oldest draft still waiting was written (ms); null when none waits. */
  oldestCreated: number | null;
}

/** The approval waits of one row: answers added one at a time or as stored data, read at a moment. */
export class WaitCounts {
  private readonly waits = new QuantileCounter();
  private decided = 0;
  private waiting = 0;
  private oldestCreated: number | null = null;

  add(a: OpdResponse): void {
    if (a.state === 'draft') {
      this.waiting += 1;
      const created = Date.parse(a.createdAt);
      this.oldestCreated = this.oldestCreated === null ? created : Math.min(this.oldestCreated, created);
      return;
    }
    if (!decidedByHead(a)) return;
    const at = a.state === 'approved' ? a.approvedAt : a.rejectedAt;
    if (!at) return;
    this.decided += 1;
    this.waits.add(Math.max(0, Date.parse(at) - Date.parse(a.createdAt)) / HOUR_MS);
  }

  merge(data: WaitData): void {
    this.decided += data.decided;
    this.waits.merge(data.hours);
    this.waiting += data.waiting;
    if (data.oldestCreated !== null)
      this.oldestCreated =
        this.oldestCreated === null ? data.oldestCreated : Math.min(this.oldestCreated, data.oldestCreated);
  }

  /** Whether any answer was counted: a row without one is not shown. */
  get empty(): boolean {
    return this.decided === 0 && this.waiting === 0;
  }

  data(): WaitData {
    return {
      decided: this.decided,
      hours: this.waits.entries(),
      waiting: this.waiting,
      oldestCreated: this.oldestCreated,
    };
  }

  row(key: string | null, now: Date): ApprovalWaitRow {
    const oldest = this.oldestCreated === null ? null : Math.max(0, now.getTime() - this.oldestCreated);
    return {
      key,
      decided: this.decided,
      medianHours: this.waits.median(),
      p90Hours: this.waits.quantile(0.9),
      waiting: this.waiting,
      oldestWaitingHours: oldest === null ? null : Math.round((oldest / HOUR_MS) * 100) / 100,
    };
  }
}

/** Approval-wait rows in the order a rekap lists them (by key, no OPD last). */
export function waitRows(rows: ReadonlyMap<string | null, WaitCounts>, now: Date): ApprovalWaitRow[] {
  return [...rows.entries()]
    .filter(([, w]) => !w.empty)
    .map(([key, w]) => w.row(key, now))
    .sort((a, b) => (a.key ?? '\uffff').localeCompare(b.key ?? '\uffff'));
}

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
    const rows = new Map<string | null, WaitCounts>();
    const cases = [...this.keyOfCase.keys()];
    for (let i = 0; i < cases.length; i += BATCH) {
      for (const answer of await responses.ofCases(cases.slice(i, i + BATCH))) {
        if (!this.keyOfCase.has(answer.caseId)) continue;
        const key = this.keyOfCase.get(answer.caseId)!;
        let row = rows.get(key);
        if (!row) rows.set(key, (row = new WaitCounts()));
        row.add(answer);
      }
    }
    return waitRows(rows, now);
  }
}
