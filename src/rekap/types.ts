import { complaintSchema } from '../domain/complaint.js';
import type { z } from 'zod';

/** The fields of a complaint the rekap reads; the rest of the document is not parsed. */
export const rekapComplaintSchema = complaintSchema.pick({ id: true, source: true, externalId: true, title: true, opd: true, rahasia: true, reportedAt: true, status: true, responses: true });
export type RekapComplaint = z.infer<typeof rekapComplaintSchema>;

/** LAPOR's time limits in working days (configuration `timeLimits`). */
export interface TimeLimits {
  disposeWorkingDays: number;
  followUpWorkingDays: number;
}

/** Local dates, both inclusive, in the instance's zone. */
export interface Period {
  from: string;
  to: string;
}

export interface RekapCounts {
  total: number;
  /** A tindak lanjut exists, or the status says responded / closed. */
  answered: number;
  /** Not answered and not archived or rejected: work still open. */
  pending: number;
  /** Pending past its time limit. */
  late: number;
  /** Archived or rejected without an answer: neither answered nor pending. */
  closedWithoutAnswer: number;
  /** Currently "bukan wewenang", waiting for re-disposition. */
  notAuthority: number;
  /** Median working days from report to first tindak lanjut, over complaints that have one; null when none. */
  medianFirstAnswerWorkingDays: number | null;
}

export interface RekapRow extends RekapCounts {
  /** Grouping key: the directory code of the unit that holds the work today (config/opd/). */
  key: string;
  name: string;
}

/** One of the longest-waiting late complaints. Title is null for rahasia complaints. */
export interface LateComplaint {
  complaintId: string;
  source: string;
  externalId: string;
  opd: string | null;
  title: string | null;
  rahasia: boolean;
  reportedAt: string;
  workingDaysElapsed: number;
  limitWorkingDays: number;
}

export interface Rekap {
  period: Period;
  source: string | null;
  /** The instant "late" and "elapsed" were measured at. */
  at: string;
  limits: TimeLimits;
  rows: RekapRow[];
  /** Complaints without an OPD. */
  unassigned: RekapCounts;
  total: RekapCounts;
  late: LateComplaint[];
  /** Complaints read from the ledger to answer (most are outside the period on a busy ledger). */
  scanned: number;
  /** True when rekap.maxComplaints stopped the scan: the numbers then miss complaints. */
  truncated: boolean;
  /** Ledger documents that could not be read as complaints, left out of the numbers. */
  unreadable: number;
}
