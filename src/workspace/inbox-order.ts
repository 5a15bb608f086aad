import type { InboxState } from './states.js';

/** What the inbox orders a row by: its state, the LAPOR clock's due date and when it was reported. */
export interface InboxOrderKey {
  state: InboxState | 'ditutup';
  /** When the clock runs out (ISO); absent while it stands still or once it no longer runs. */
  dueAt?: string | undefined;
  reportedAt: string;
}

/**
 * The most pressing first: what still owes an answer, by the time its clock runs out (late
 * ones first, the longest late on top; a paused clock after those that run; on the same due
 * time the one that waited longest); then drafts waiting for their head, the same way; then
 * what is sent or closed, newest reported first.
 */
const GROUP: Readonly<Record<InboxOrderKey['state'], number>> = {
  terlambat: 0,
  perlu_jawaban: 0,
  baru: 0,
  menunggu_persetujuan: 1,
  terkirim: 2,
  ditutup: 2,
};

export function inboxOrder(a: InboxOrderKey, b: InboxOrderKey): number {
  const group = GROUP[a.state] - GROUP[b.state];
  if (group !== 0) return group;
  const newerFirst = Date.parse(b.reportedAt) - Date.parse(a.reportedAt);
  if (GROUP[a.state] === 2) return newerFirst;
  return dueRank(a) - dueRank(b) || -newerFirst;
}

function dueRank(row: InboxOrderKey): number {
  return row.dueAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(row.dueAt);
}

/**
 * The first `limit` rows in inbox order, of however many are offered, holding at most twice
 * `limit` at a time (an OPD's inbox reads every complaint it ever had).
 */
export class InboxTop<T> {
  private rows: T[] = [];
  private offered = 0;

  constructor(
    private readonly limit: number,
    private readonly keyOf: (row: T) => InboxOrderKey,
  ) {}

  offer(row: T): void {
    this.offered += 1;
    this.rows.push(row);
    if (this.rows.length >= 2 * this.limit) this.trim();
  }

  /** The rows shown, in order, and how many more matched. */
  result(): { rows: T[]; more: number } {
    this.trim();
    return { rows: this.rows, more: this.offered - this.rows.length };
  }

  private trim(): void {
    this.rows.sort((a, b) => inboxOrder(this.keyOf(a), this.keyOf(b)));
    this.rows.length = Math.min(this.rows.length, this.limit);
  }
}
