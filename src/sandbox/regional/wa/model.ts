import type { ComplaintFacts } from '../../shared/generate.js';
import type { Random } from '../../shared/random.js';
import { objectId, uuid } from '../ids.js';
import { isoUtc } from '../time-format.js';

/**
 * A kabupaten's WhatsApp complaint desk (an Express + MongoDB bot): reports as the bot
 * stores them, and a separate handling record kept by the desk's operators.
 */
export const WA_STATUSES = [
  'Perlu Verifikasi',
  'Verifikasi Situasi',
  'Verifikasi Kelengkapan Berkas',
  'Proses OPD Terkait',
  'Selesai Penanganan',
  'Selesai Pengaduan',
  'Ditutup',
] as const;
export const WA_SITUASI = ['Darurat', 'Permintaan Informasi', 'Berpengawasan', 'Tidak Berpengawasan'] as const;

export interface WaReport {
  _id: string;
  sessionId: string;
  from: string;
  user: { name: string };
  location: {
    type: 'Point' | 'manual';
    latitude?: number;
    longitude?: number;
    description: string;
    desa: string;
    kecamatan: string;
    kabupaten: string;
  };
  message: string;
  photos: string[];
  createdAt: string;
  updatedAt: string;
}

export interface WaHandling {
  _id: string;
  reportId: string;
  status: (typeof WA_STATUSES)[number];
  opd: string[];
  trackingId: string | null;
  url: string | null;
  situasi: (typeof WA_SITUASI)[number];
  kesimpulan: { text: string; timestamp: string }[];
  createdAt: string;
  updatedAt: string;
}

const MEDIA = 'https://wa-lapor.blorakab.example/media';
const BLORA = { lat: -6.9698, lon: 111.4183 };
const MINUTE = 60_000;

/** WhatsApp ids are the number in international form without "+". */
export const waNumber = (phone: string): string => `62${phone.replace(/\D/g, '').replace(/^0/, '')}`;

export function waReportFromFacts(facts: ComplaintFacts, random: Random): WaReport {
  const at = facts.reportedAt.getTime();
  const id = objectId(random, at);
  const withFix = random.chance(0.7);
  const description = `${facts.place.kelurahan ? 'Kel.' : 'Desa'} ${facts.place.desa}, Kec. ${facts.place.kecamatan}`;
  return {
    _id: id,
    sessionId: uuid(random),
    from: waNumber(facts.reporter.phone),
    user: { name: facts.reporter.name },
    location: {
      type: withFix ? 'Point' : 'manual',
      ...(withFix
        ? { latitude: BLORA.lat + (random.next() - 0.5) * 0.5, longitude: BLORA.lon + (random.next() - 0.5) * 0.6 }
        : {}),
      description,
      desa: facts.place.desa,
      kecamatan: facts.place.kecamatan,
      kabupaten: facts.place.kabupaten,
    },
    // People type on WhatsApp the way they text.
    message: random.chance(0.4) ? facts.text.sms : facts.text.plain,
    photos: Array.from({ length: random.int(0, 2) }, (_v, i) => `${MEDIA}/${id}-${i + 1}.jpg`),
    createdAt: isoUtc(at),
    updatedAt: isoUtc(at),
  };
}

/** A handling record advanced as far as its age and luck allow. */
export function waHandlingFromFacts(
  report: WaReport,
  facts: ComplaintFacts,
  random: Random,
  nowMs: number,
): WaHandling {
  const created = Date.parse(report.createdAt);
  const ageDays = (nowMs - created) / 86_400_000;
  const stage = Math.min(WA_STATUSES.length - 1, Math.floor(random.next() * Math.min(7, 1 + ageDays / 3)));
  const status = WA_STATUSES[stage]!;
  const updated = Math.min(nowMs, created + (stage + 1) * random.int(30, 600) * MINUTE);
  const trackingId = stage >= 3 && random.chance(0.35) ? String(random.int(5_000_000, 5_999_999)) : null;
  const kesimpulan =
    stage >= 4
      ? [{ text: `Sudah ditindaklanjuti oleh ${facts.opd}. Terima kasih atas laporannya.`, timestamp: isoUtc(updated) }]
      : [];
  return {
    _id: objectId(random, created),
    reportId: report._id,
    status,
    opd: stage >= 3 ? [facts.opd] : [],
    trackingId,
    url: trackingId ? `https://www.lapor.go.id/laporan/detil/${trackingId}` : null,
    situasi:
      facts.classification === 'permintaan_informasi'
        ? 'Permintaan Informasi'
        : random.pick(['Darurat', 'Berpengawasan', 'Tidak Berpengawasan'] as const),
    kesimpulan,
    createdAt: isoUtc(created + MINUTE),
    updatedAt: isoUtc(updated),
  };
}
