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
  return compareRanks(rankOf(a), rankOf(b));
}

/** A key as numbers, read once per row: sorting parses no date in its comparisons. */
interface Rank {
  group: number;
  /** Due time in ms; +∞ without one. */
  due: number;
  reported: number;
}

function rankOf(key: InboxOrderKey): Rank {
  return {
    group: GROUP[key.state],
    due: key.dueAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(key.dueAt),
    reported: Date.parse(key.reportedAt),
  };
}

function compareRanks(a: Rank, b: Rank): number {
  if (a.group !== b.group) return a.group - b.group;
  const newerFirst = b.reported - a.reported;
  if (a.group === 2) return newerFirst;
  return a.due - b.due || -newerFirst;
}

/**
 * The first `limit` rows in inbox order, of however many are offered, holding at most twice
 * `limit` at a time (an OPD's inbox reads every complaint it ever had).
 */
export class InboxTop<T> {
  private held: { row: T; rank: Rank }[] = [];
  private offered = 0;

  constructor(
    private readonly limit: number,
    private readonly keyOf: (row: T) => InboxOrderKey,
  ) {}

  offer(row: T): void {
    this.offered += 1;
    this.held.push({ row, rank: rankOf(this.keyOf(row)) });
    if (this.held.length >= 2 * this.limit) this.trim();
  }

  /** The rows shown, in order, and how many more matched. */
  result(): { rows: T[]; more: number } {
    this.trim();
    return { rows: this.held.map((h) => h.row), more: this.offered - this.held.length };
  }

  private trim(): void {
    this.held.sort((a, b) => compareRanks(a.rank, b.rank));
    this.held.length = Math.min(this.held.length, this.limit);
  }
}
