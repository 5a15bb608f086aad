import { autoCloseDue } from './lifecycle.js';
import type { Report, TimelineEntry } from './model.js';
import type { LaporWorld } from './world.js';

/** Value formats of a profile: the documented contract, or the older style some deployments keep. */
export interface WireStyle {
  /** iso: 2024-03-05T09:12:33+07:00; local: 2024-03-05 09:12:33 (WIB, no offset). */
  timestamps: 'iso' | 'local';
  /** boolean: true/false; digit: "1"/"0". */
  flags: 'boolean' | 'digit';
}

const WIB_MS = 7 * 3600_000;

export function formatTime(ms: number, style: WireStyle): string {
  const wib = new Date(ms + WIB_MS).toISOString().slice(0, 19);
  return style.timestamps === 'iso' ? `${wib}+07:00` : wib.replace('T', ' ');
}

/** Accepts what a client may send: ISO with offset, or "YYYY-MM-DD HH:mm:ss" read as WIB. */
export function parseTime(value: string): number | undefined {
  const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(value.trim());
  const ms = local ? Date.parse(`${local[1]}T${local[2]}+07:00`) : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function flag(value: boolean, style: WireStyle): boolean | string {
  return style.flags === 'boolean' ? value : value ? '1' : '0';
}

function absolute(url: string, baseUrl: string): string {
  return url.startsWith('/') ? `${baseUrl}${url}` : url;
}

function reporterLabel(report: Report, entry: TimelineEntry): string {
  const fromReporter =
    entry.type === 'balasan_pelapor' || (entry.type === 'komentar' && entry.by === report.reporter?.name);
  return fromReporter && report.anonim ? 'Anonim' : entry.by;
}

/** A report as an instansi sees it through the integration API. */
export function renderReport(
  world: LaporWorld,
  report: Report,
  baseUrl: string,
  style: WireStyle,
): Record<string, unknown> {
  const shownInstansi = report.instansiId ?? report.returnedBy;
  return {
    tracking_id: report.trackingId,
    judul: report.title,
    isi: report.body,
    klasifikasi: report.classification,
    topic_id: report.topicId ?? null,
    topic_name: world.topicName(report.topicId) ?? null,
    lokasi: report.location ?? null,
    anonim: flag(report.anonim, style),
    rahasia: flag(report.rahasia, style),
    status: report.status,
    instansi_id: shownInstansi ?? null,
    instansi_nama: shownInstansi ? world.instansiName(shownInstansi) : null,
    unit_nama: report.unit ?? null,
    sumber: report.channel,
    // "anonim" hides the reporter from the reported party, and the instansi is that party.
    pelapor:
      report.anonim || !report.reporter
        ? null
        : {
            nama: report.reporter.name,
            telp: report.reporter.phone,
            email: report.reporter.email ?? null,
            nik: report.reporter.nik ?? null,
          },
    lampiran: report.attachments.map((a) => absolute(a, baseUrl)),
    client_ref: report.clientRef ?? null,
    dukungan: report.supports,
    created_at: formatTime(report.createdAt, style),
    last_activity_at: formatTime(report.lastActivityAt, style),
    tracking: report.timeline.map((e) => ({
      id: e.id,
      tracking_type: e.type,
      tracking_at: formatTime(e.at, style),
      tracking_by: reporterLabel(report, e),
      tracking_note: e.note,
    })),
  };
}

/** Shown on the public site: verified, not rahasia, and never who reported it. */
export function publiclyVisible(report: Report): boolean {
  return !report.rahasia && report.status !== 'belum diverifikasi' && report.status !== 'ditolak';
}

function publicStatus(world: LaporWorld, report: Report, now: number): string {
  switch (report.status) {
    case 'terdisposisi':
    case 'diproses':
    case 'tunda':
      return `Terdisposisi ke ${world.instansiName(report.instansiId)}`;
    case 'ditindaklanjuti': {
      const due = autoCloseDue(report);
      const days = due === undefined ? undefined : Math.max(0, Math.ceil((due - now) / 86_400_000));
      return days === undefined
        ? 'Ditindaklanjuti oleh Instansi'
        : `Ditindaklanjuti oleh Instansi (Selesai otomatis dalam ${days} hari)`;
    }
    case 'bukan wewenang':
      return 'Menunggu disposisi ulang';
    case 'selesai':
      return 'Selesai';
    case 'diarsipkan':
      return 'Diarsipkan';
    default:
      return 'Terverifikasi';
  }
}

export function renderPublic(
  world: LaporWorld,
  report: Report,
  baseUrl: string,
  withTimeline: boolean,
): Record<string, unknown> {
  const style: WireStyle = { timestamps: 'iso', flags: 'boolean' };
  const out: Record<string, unknown> = {
    tracking_id: report.trackingId,
    url: `${baseUrl}/public/laporan/${report.trackingId}`,
    judul: report.title,
    isi: report.body,
    klasifikasi: report.classification,
    kategori: world.topicName(report.topicId) ?? null,
    lokasi: report.location ?? null,
    status: publicStatus(world, report, world.now()),
    tanggal: formatTime(report.createdAt, style),
    lampiran: report.attachments.map((a) => absolute(a, baseUrl)),
    jumlah: {
      tindak_lanjut: report.timeline.filter((e) => e.type === 'tindak_lanjut').length,
      komentar: report.timeline.filter((e) => e.type === 'komentar' || e.type === 'balasan_pelapor').length,
      dukung: report.supports,
    },
  };
  if (withTimeline) {
    out.tracking = report.timeline.map((e) => ({
      tracking_at: formatTime(e.at, style),
      // Replies and comments from the reporter are shown without a name on the public site.
      tracking_by: e.type === 'komentar' || e.type === 'balasan_pelapor' ? 'Pelapor' : e.by,
      tracking_note: e.note,
    }));
  }
  return out;
}
