import type { Response } from '../domain/complaint.js';
import type { RekapRecord } from '../store/rekap-records.js';
import type { ApprovalWaitRow } from './approval-wait.js';

/**
 * A complaint as the rekap reads it: the ledger's rekap record (src/store/rekap-records.ts);
 * a complaint given whole may bring its body instead of its topic words, and whole answers.
 */
export type RekapComplaint = Omit<RekapRecord, 'responses'> & {
  body?: string;
  responses: (RekapRecord['responses'][number] & Partial<Response>)[];
};

import type { TimeLimits } from '../sla/policy.js';

/** Local dates, both inclusive, in the instance's zone. */
export interface Period {
  from: string;
  to: string;
}

export interface TopicCount {
  topic: string;
  count: number;
}

export interface RekapCounts {
  /** Received in the period. */
  total: number;
  /** A tindak lanjut exists, or the status says responded / closed. */
  answered: number;
  /** First tindak lanjut within the limit. */
  answeredOnTime: number;
  /** First tindak lanjut after the limit. */
  answeredLate: number;
  /** Answered by status only: no tindak lanjut with a time, so neither on time nor late can be told. */
  answeredUndated: number;
  /** Not answered and not archived or rejected: work still open. */
  pending: number;
  /** Pending past its time limit (of `pending`). */
  overdue: number;
  /** Archived or rejected without an answer: neither answered nor pending. */
  closedWithoutAnswer: number;
  /** Currently "bukan wewenang", waiting for re-disposition. */
  notAuthority: number;
  /** Working days from report to first tindak lanjut, over complaints that have one; null when none. */
  medianFirstAnswerWorkingDays: number | null;
  p90FirstAnswerWorkingDays: number | null;
  /** Most frequent categories, most first. */
  topCategories: TopicCount[];
  /** Most frequent words of complaints that carry no category. */
  topWords: TopicCount[];
}

export interface RekapRow extends RekapCounts {
  /** Grouping key: the directory code of the unit that holds the work today (config/opd/). */
  key: string;
  name: string;
}

export interface ChannelRow extends RekapCounts {
  source: string;
}

/** Received, and answered for the first time, per week (weeks start on Monday, local dates). */
export interface WeekPoint {
  week: string;
  received: number;
  answered: number;
}

/** One of the longest-waiting overdue complaints. Title is null for rahasia complaints. */
export interface OverdueComplaint {
  complaintId: string;
  source: string;
  externalId: string;
  opd: string | null;
  opdKey: string | null;
  title: string | null;
  rahasia: boolean;
  reportedAt: string;
  workingDaysElapsed: number;
  limitWorkingDays: number;
}

/** The same period length just before, for the trend. */
export interface PreviousPeriod {
  period: Period;
  total: number;
  answered: number;
  answeredOnTime: number;
  answeredLate: number;
  overdue: number;
}

export interface Rekap {
  period: Period;
  source: string | null;
  /** Only this OPD row (its key) when asked for one OPD. */
  opd: string | null;
  /** The instant "overdue" and "elapsed" were measured at. */
  at: string;
  limits: TimeLimits;
  rows: RekapRow[];
  /** Complaints without an OPD. */
  unassigned: RekapCounts;
  total: RekapCounts;
  channels: ChannelRow[];
  weeks: WeekPoint[];
  overdue: OverdueComplaint[];
  previous: PreviousPeriod | null;
  /** Per OPD row: how long drafts to the period's cases waited for the head's decision (hours). */
  approvalWait: ApprovalWaitRow[];
  /** Ledger documents read to answer: the period's complaints, never the whole ledger. */
  scanned: number;
  /** Ledger documents that could not be read as complaints, left out of the numbers. */
  unreadable: number;
}
