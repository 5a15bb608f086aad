/**
 * The sandbox's own model of a LAPOR report. Written from the documented contract
 * (src/connectors/lapor/readme.md), never from connector code.
 */
export const REPORT_STATUSES = [
  'belum diverifikasi',
  'terverifikasi',
  'terdisposisi',
  'diproses',
  'ditindaklanjuti',
  'tunda',
  'bukan wewenang',
  'selesai',
  'diarsipkan',
  'ditolak',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const CLASSIFICATION_LABELS = ['pengaduan', 'aspirasi', 'permintaan informasi'] as const;
export type ClassificationLabel = (typeof CLASSIFICATION_LABELS)[number];

export const TIMELINE_TYPES = ['status', 'tindak_lanjut', 'komentar', 'balasan_pelapor'] as const;
export type TimelineType = (typeof TIMELINE_TYPES)[number];

export interface TimelineEntry {
  id: string;
  type: TimelineType;
  /** Epoch milliseconds, whole seconds. */
  at: number;
  by: string;
  note: string;
  /** The caller's idempotency key for a posted tindak lanjut. */
  clientRef?: string;
}

export interface Reporter {
  name: string;
  phone: string;
  email?: string;
  nik?: string;
}

export interface Report {
  /** Numeric, kept as a string: values outgrow 32-bit integers. */
  trackingId: string;
  transaksiId?: string;
  clientRef?: string;
  /** The instansi whose integration created it, for look-ups by client reference. */
  createdBy?: string;
  title: string;
  /** HTML as LAPOR stores it (`<br />` between paragraphs). */
  body: string;
  classification: ClassificationLabel;
  topicId?: string;
  location?: string;
  channel: string;
  anonim: boolean;
  rahasia: boolean;
  reporter?: Reporter;
  attachments: string[];
  status: ReportStatus;
  /** Current disposition target. */
  instansiId?: string;
  /** The instansi that answered "bukan wewenang", which keeps seeing it until it is disposed elsewhere. */
  returnedBy?: string;
  /** The OPD inside the instansi that handles it. */
  unit?: string;
  createdAt: number;
  lastActivityAt: number;
  /** When the last tindak lanjut was posted: the 10-working-day auto-close counts from here. */
  followUpAt?: number;
  supports: number;
  timeline: TimelineEntry[];
}

export interface Instansi {
  id: string;
  name: string;
}

/** Numeric order of tracking ids ("9999999" < "10000000"), the order the list endpoint documents. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareActivity(a: Report, b: Report): number {
  return a.lastActivityAt - b.lastActivityAt || compareIds(a.trackingId, b.trackingId);
}

export function wholeSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
