/**
 * The canonical complaint lifecycle. Every source's statuses map onto these through
 * mapping tables in configuration; an unmapped value goes to triage, never to a default.
 * `rank` orders the main path so an older status never overwrites a newer one; side
 * states (postponed, not_authority, archived, rejected) share the rank of where they occur.
 */
export const STATUSES = [
  'received', //       masuk, belum diverifikasi
  'verified', //       terverifikasi
  'disposed', //       terdisposisi ke instansi / OPD
  'in_progress', //    sedang diproses OPD
  'postponed', //      tunda
  'not_authority', //  bukan wewenang, returned for re-disposition
  'responded', //      ditindaklanjuti (a tindak lanjut is posted)
  'closed', //         selesai
  'archived', //       diarsipkan
  'rejected', //       ditolak
] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_RANK: Readonly<Record<Status, number>> = {
  received: 0,
  verified: 1,
  disposed: 2,
  not_authority: 2,
  in_progress: 3,
  postponed: 3,
  responded: 4,
  closed: 5,
  archived: 5,
  rejected: 5,
};

/**
 * Statuses that end a complaint's life at its source: selesai, diarsipkan, ditolak. A
 * complaint that arrives in one of them is history there, not news for another system.
 */
export const CLOSED_STATUSES: readonly Status[] = ['closed', 'archived', 'rejected'];

export function isClosed(status: Status): boolean {
  return CLOSED_STATUSES.includes(status);
}

export const CLASSIFICATIONS = ['pengaduan', 'aspirasi', 'permintaan_informasi'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
