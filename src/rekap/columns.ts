import type { RekapCounts } from './types.js';

/** The rekap's columns, in order, with the labels the page and the CLI both show. */
export const REKAP_COLUMNS = [
  { key: 'total', label: 'Aduan' },
  { key: 'answered', label: 'Dijawab' },
  { key: 'pending', label: 'Belum dijawab' },
  { key: 'late', label: 'Terlambat' },
  { key: 'medianFirstAnswerWorkingDays', label: 'Median hari kerja' },
  { key: 'notAuthority', label: 'Bukan wewenang' },
  { key: 'closedWithoutAnswer', label: 'Diarsipkan/ditolak' },
] as const satisfies readonly { key: keyof RekapCounts; label: string }[];

export const OPD_LABEL = 'OPD';
export const UNASSIGNED_LABEL = 'Belum ada OPD';
export const TOTAL_LABEL = 'Jumlah';
