import { addWorkingDays } from '../shared/working-days.js';
import type { Instansi, Report, ReportStatus, TimelineEntry } from './model.js';

/**
 * Report lifecycle as LAPOR runs it (PermenPANRB 62/2018 → 5/2025): verified and disposed,
 * handled by the instansi (possibly postponed, returned as "bukan wewenang", archived),
 * answered with a tindak lanjut, then closed automatically 10 working days after the
 * last tindak lanjut unless the reporter replies.
 */
export const AUTO_CLOSE_WORKING_DAYS = 10;

export const ACTIONS = [
  'verifikasi',
  'disposisi',
  'proses',
  'tunda',
  'bukan_wewenang',
  'arsip',
  'tolak',
  'komentar',
  'balasan_pelapor',
  'selesai',
] as const;
export type Action = (typeof ACTIONS)[number];

export class TransitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransitionError';
  }
}

/** From which statuses an action may be taken. */
const ALLOWED_FROM: Readonly<Record<Action, readonly ReportStatus[]>> = {
  verifikasi: ['belum diverifikasi'],
  disposisi: ['terverifikasi', 'bukan wewenang'],
  proses: ['terdisposisi', 'tunda'],
  tunda: ['terdisposisi', 'diproses'],
  bukan_wewenang: ['terdisposisi', 'diproses', 'tunda'],
  arsip: [
    'belum diverifikasi',
    'terverifikasi',
    'terdisposisi',
    'diproses',
    'tunda',
    'ditindaklanjuti',
    'bukan wewenang',
  ],
  tolak: ['belum diverifikasi'],
  komentar: ['terverifikasi', 'terdisposisi', 'diproses', 'tunda', 'ditindaklanjuti', 'bukan wewenang'],
  balasan_pelapor: ['ditindaklanjuti'],
  selesai: ['ditindaklanjuti'],
};

export const FOLLOW_UP_ALLOWED: readonly ReportStatus[] = ['terdisposisi', 'diproses', 'tunda', 'ditindaklanjuti'];

export interface ActionInput {
  action: Action;
  /** Target of a disposisi. */
  instansi?: Instansi;
  /** The OPD for "proses". */
  unit?: string;
  note?: string;
  by?: string;
}

export interface TimelineIds {
  next(): string;
}

function entry(ids: TimelineIds, type: TimelineEntry['type'], at: number, by: string, note: string): TimelineEntry {
  return { id: ids.next(), type, at, by, note };
}

/** Applies an admin or reporter action. The caller moves the report in the store index. */
export function applyAction(
  report: Report,
  input: ActionInput,
  at: number,
  ids: TimelineIds,
  instansiName: (id: string | undefined) => string,
): void {
  const allowed = ALLOWED_FROM[input.action];
  if (!allowed.includes(report.status)) {
    throw new TransitionError(
      `"${input.action}" is not possible while the report is "${report.status}" (allowed from: ${allowed.join(', ')})`,
    );
  }
  const current = instansiName(report.instansiId);
  const push = (type: TimelineEntry['type'], by: string, note: string) =>
    report.timeline.push(entry(ids, type, at, by, note));
  switch (input.action) {
    case 'verifikasi':
      // The real API does not expose the verification date, so it leaves no timeline entry.
      report.status = 'terverifikasi';
      break;
    case 'disposisi': {
      if (!input.instansi) throw new TransitionError('"disposisi" needs an instansi');
      report.status = 'terdisposisi';
      report.instansiId = input.instansi.id;
      delete report.returnedBy;
      delete report.unit;
      push('status', input.by ?? 'Admin Nasional', input.note ?? `Laporan terdisposisi ke ${input.instansi.name}`);
      break;
    }
    case 'proses':
      report.status = 'diproses';
      if (input.unit) report.unit = input.unit;
      push(
        'status',
        input.by ?? `Admin ${current}`,
        input.note ?? `Laporan diteruskan ke ${report.unit ?? 'unit kerja terkait'}`,
      );
      break;
    case 'tunda':
      report.status = 'tunda';
      push(
        'status',
        input.by ?? `Admin ${current}`,
        input.note ?? 'Laporan ditunda: menunggu kelengkapan data dari pelapor',
      );
      break;
    case 'bukan_wewenang':
      report.status = 'bukan wewenang';
      if (report.instansiId) report.returnedBy = report.instansiId;
      delete report.instansiId;
      delete report.unit;
      push(
        'status',
        input.by ?? `Admin ${current}`,
        input.note ?? `Bukan kewenangan ${current}, dikembalikan untuk didisposisikan ulang`,
      );
      break;
    case 'arsip':
      report.status = 'diarsipkan';
      push('status', input.by ?? `Admin ${current}`, input.note ?? 'Laporan diarsipkan');
      break;
    case 'tolak':
      report.status = 'ditolak';
      push('status', input.by ?? 'Admin Nasional', input.note ?? 'Laporan tidak memenuhi syarat untuk ditindaklanjuti');
      break;
    case 'komentar':
      push(
        'komentar',
        input.by ?? (report.anonim ? 'Anonim' : (report.reporter?.name ?? 'Pelapor')),
        input.note ?? 'Mohon update perkembangan laporan saya.',
      );
      break;
    case 'balasan_pelapor':
      // A reply from the reporter inside the auto-close window reopens the report.
      report.status = 'diproses';
      delete report.followUpAt;
      push(
        'balasan_pelapor',
        input.by ?? (report.anonim ? 'Anonim' : (report.reporter?.name ?? 'Pelapor')),
        input.note ?? 'Masalah belum selesai, mohon ditinjau kembali.',
      );
      break;
    case 'selesai':
      report.status = 'selesai';
      delete report.followUpAt;
      push('status', input.by ?? 'Pelapor', input.note ?? 'Pelapor menyatakan laporan selesai');
      break;
  }
  report.lastActivityAt = at;
}

/** Posts a tindak lanjut. Returns the existing entry when the client reference was seen before. */
export function applyFollowUp(
  report: Report,
  input: { text: string; by: string; clientRef?: string },
  at: number,
  ids: TimelineIds,
): { entry: TimelineEntry; duplicate: boolean } {
  if (input.clientRef) {
    const existing = report.timeline.find((e) => e.type === 'tindak_lanjut' && e.clientRef === input.clientRef);
    if (existing) return { entry: existing, duplicate: true };
  }
  if (!FOLLOW_UP_ALLOWED.includes(report.status)) {
    throw new TransitionError(`laporan berstatus "${report.status}" tidak dapat ditindaklanjuti`);
  }
  const e = entry(ids, 'tindak_lanjut', at, input.by, input.text);
  if (input.clientRef) e.clientRef = input.clientRef;
  report.timeline.push(e);
  report.status = 'ditindaklanjuti';
  report.followUpAt = at;
  report.lastActivityAt = at;
  return { entry: e, duplicate: false };
}

/** The due time of each report's last tindak lanjut: every request looks at every report's (World.tick). */
const dueOf = new WeakMap<Report, { followUpAt: number; due: number }>();

/** When a report with a tindak lanjut closes by itself. */
export function autoCloseDue(report: Report): number | undefined {
  const { followUpAt } = report;
  if (report.status !== 'ditindaklanjuti' || followUpAt === undefined) return undefined;
  const known = dueOf.get(report);
  if (known?.followUpAt === followUpAt) return known.due;
  const due = addWorkingDays(new Date(followUpAt), AUTO_CLOSE_WORKING_DAYS).getTime();
  dueOf.set(report, { followUpAt, due });
  return due;
}

/**
 * Closes a report whose window has passed. The timeline entry carries the due time; the
 * activity time is when the system noticed, as a nightly job would stamp it.
 */
export function autoClose(report: Report, now: number, ids: TimelineIds): boolean {
  const due = autoCloseDue(report);
  if (due === undefined || due > now) return false;
  report.status = 'selesai';
  delete report.followUpAt;
  report.timeline.push(
    entry(
      ids,
      'status',
      due,
      'Sistem',
      `Laporan selesai otomatis setelah ${AUTO_CLOSE_WORKING_DAYS} hari kerja tanpa tanggapan pelapor`,
    ),
  );
  report.lastActivityAt = now;
  return true;
}
