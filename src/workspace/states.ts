import type { Complaint } from '../domain/complaint.js';
import type { OpdResponse } from '../store/responses.js';
import type { Verdict } from '../sla/clock.js';

/** Where a complaint stands for its OPD, as the inbox filters it. */
export const INBOX_STATES = ['baru', 'perlu_jawaban', 'menunggu_persetujuan', 'terlambat', 'terkirim'] as const;
export type InboxState = (typeof INBOX_STATES)[number];

/**
 * One state per complaint, first match wins: an approved answer (or one the source shows)
 * is sent; a draft waits for the head; otherwise the LAPOR clock decides late, and the
 * status whether the OPD has it yet (new) or must answer. Closed without an answer counts
 * as sent nothing is owed: it is not in the work list.
 */
export function inboxState(
  complaint: Pick<Complaint, 'status'>,
  answers: readonly Pick<OpdResponse, 'state'>[],
  verdict: Pick<Verdict, 'answered' | 'overdue' | 'closedWithoutAnswer'>,
): InboxState | 'ditutup' {
  if (answers.some((a) => a.state === 'approved') || verdict.answered) return 'terkirim';
  if (answers.some((a) => a.state === 'draft')) return 'menunggu_persetujuan';
  if (verdict.closedWithoutAnswer) return 'ditutup';
  if (verdict.overdue) return 'terlambat';
  return complaint.status === 'received' || complaint.status === 'verified' ? 'baru' : 'perlu_jawaban';
}
