import { BLORA_KECAMATAN, BLORA_STREETS, KABUPATEN } from './blora-places.js';
import { renderText, fillSlots, type TextVariants } from './complaint-text.js';
import { TOPIC_TREE, type SubTopic } from './complaint-topics.js';
import { generatePerson, type PersonFacts } from './people.js';
import { createRandom, type Random } from './random.js';

/**
 * Neutral facts of a citizen complaint, reproducible from a seed. Each sandbox renders them
 * into its own wire shape (LAPOR report, WhatsApp desk record, partner API complaint…).
 */
export const FACT_CLASSIFICATIONS = ['pengaduan', 'permintaan_informasi', 'aspirasi'] as const;
export type FactClassification = (typeof FACT_CLASSIFICATIONS)[number];

export const FACT_CHANNELS = ['web', 'android', 'sms', 'whatsapp', 'twitter'] as const;
export type FactChannel = (typeof FACT_CHANNELS)[number];

export interface ComplaintFacts {
  /** 1-based position in the generated sequence. */
  seq: number;
  classification: FactClassification;
  /** Names in TOPIC_TREE: top-level topic and sub-topic. */
  category: { top: string; sub: string };
  /** The office that usually answers this subject. */
  opd: string;
  title: string;
  text: TextVariants;
  /** Where the citizen wrote; tells which text variant is natural. */
  channel: FactChannel;
  place: { desa: string; kecamatan: string; kabupaten: string; kelurahan: boolean };
  reporter: PersonFacts;
  anonim: boolean;
  rahasia: boolean;
  reportedAt: Date;
}

/** Bojonegoro's published mix, used as the kabupaten-typical default. */
export const CLASSIFICATION_MIX: readonly (readonly [FactClassification, number])[] = [
  ['pengaduan', 69],
  ['permintaan_informasi', 20],
  ['aspirasi', 11],
];

const CHANNEL_MIX: readonly (readonly [FactChannel, number])[] = [
  ['web', 35],
  ['android', 30],
  ['sms', 20],
  ['whatsapp', 10],
  ['twitter', 5],
];

const CLOSINGS: Readonly<Record<FactClassification, readonly string[]>> = {
  pengaduan: [
    'Mohon ditindaklanjuti, terima kasih.',
    'Mohon segera ditindaklanjuti. Terima kasih.',
    'Mohon ditindaklanjuti, terima kasih',
  ],
  permintaan_informasi: ['Mohon informasinya, terima kasih.', 'Mohon informasinya. Terima kasih.'],
  aspirasi: ['Mohon dipertimbangkan, terima kasih.', 'Mohon dipertimbangkan. Terima kasih.'],
};

const DURATIONS = ['2 minggu', 'sebulan', '3 bulan', 'setengah tahun', 'lebih dari setahun', '5 hari'] as const;

export interface GenerateOptions {
  seed: number;
  count: number;
  /** Reports are spread between these instants, oldest first. */
  from: Date;
  to: Date;
  /** Share of anonim and rahasia reports. */
  anonimRate?: number;
  rahasiaRate?: number;
}

function allSubTopics(): { top: string; sub: SubTopic }[] {
  return TOPIC_TREE.flatMap((top) => top.children.map((sub) => ({ top: top.name, sub })));
}

/** A time of day when people write: mostly office hours and evenings, WIB. */
function plausibleInstant(random: Random, from: number, to: number): number {
  const at = from + random.next() * Math.max(0, to - from);
  const wibHour = new Date(at + 7 * 3600_000).getUTCHours();
  if (wibHour >= 6 && wibHour <= 22) return at;
  return Math.min(to, at + random.int(7, 9) * 3600_000);
}

export interface ComplaintGenerator {
  /** The next complaint, reported at `at`. */
  next(at: Date): ComplaintFacts;
}

export function createComplaintGenerator(options: {
  seed: number;
  anonimRate?: number;
  rahasiaRate?: number;
}): ComplaintGenerator {
  const random = createRandom(options.seed).fork('complaints');
  const topics = allSubTopics();
  let seq = 0;
  return {
    next(at) {
      seq += 1;
      const r = random.fork(`#${seq}`);
      const classification = r.weighted(CLASSIFICATION_MIX);
      const { top, sub } = r.pick(topics);
      const kec = r.pick(BLORA_KECAMATAN);
      const isKelurahan = kec.kelurahan !== undefined && r.chance(0.4);
      const desa = isKelurahan ? r.pick(kec.kelurahan ?? kec.desa) : r.pick(kec.desa);
      const lokasi = `${isKelurahan ? 'Kel.' : 'Desa'} ${desa}, Kec. ${kec.name}`;
      const slots = {
        desa,
        kec: kec.name,
        lokasi,
        jalan: r.pick(BLORA_STREETS),
        durasi: r.pick(DURATIONS),
        rt: `RT ${String(r.int(1, 9)).padStart(2, '0')} RW ${String(r.int(1, 5)).padStart(2, '0')}`,
        sekolah: r.pick(['SDN 1', 'SDN 2', 'SDN 3', 'SMPN 1', 'SMPN 2']) + ' ' + (r.chance(0.5) ? kec.name : desa),
      };
      const templates = sub[classification];
      const reporter = generatePerson(r, kec.code);
      const anonim = r.chance(options.anonimRate ?? 0.15);
      const rahasia = r.chance(options.rahasiaRate ?? 0.04);
      const channel = r.weighted(CHANNEL_MIX);

      const paragraphs: string[] = [];
      const opening = r.weighted([
        [`Yth. ${sub.opd} Kabupaten Blora,`, 35],
        ['Yth. Bapak Bupati Blora,', 15],
        ['Selamat pagi,', 8],
        ['Assalamualaikum wr. wb.', 7],
        ['', 35],
      ] as const);
      if (opening) paragraphs.push(opening);
      if (r.chance(0.35)) paragraphs.push(`Saya warga ${slots.rt} ${lokasi}.`);
      paragraphs.push(fillSlots(r.pick(templates.core), slots));
      if (classification === 'pengaduan') {
        const details = [...sub.pengaduan.details];
        for (let n = r.int(0, Math.min(3, details.length)); n > 0; n--) {
          paragraphs.push(fillSlots(details.splice(r.int(0, details.length - 1), 1)[0]!, slots));
        }
      }
      if (!anonim && r.chance(0.12))
        paragraphs.push(`Untuk konfirmasi bisa menghubungi saya di ${reporter.phoneMasked}.`);
      if (r.chance(0.9)) paragraphs.push(r.pick(CLOSINGS[classification]));

      return {
        seq,
        classification,
        category: { top, sub: sub.name },
        opd: sub.opd,
        title: fillSlots(r.pick(templates.titles), slots),
        text: renderText(paragraphs, r),
        channel,
        place: { desa, kecamatan: kec.name, kabupaten: KABUPATEN.name, kelurahan: isKelurahan },
        reporter,
        anonim,
        rahasia,
        reportedAt: new Date(at),
      };
    },
  };
}

/** `count` complaints between `from` and `to`, oldest first, at second precision; a few share a second (batch imports). */
export function generateComplaints(options: GenerateOptions): ComplaintFacts[] {
  const timing = createRandom(options.seed).fork('timing');
  const from = options.from.getTime();
  const to = options.to.getTime();
  const instants: number[] = [];
  for (let i = 0; i < options.count; i++) {
    const previous = instants[instants.length - 1];
    instants.push(
      previous !== undefined && timing.chance(0.05)
        ? previous
        : Math.floor(plausibleInstant(timing, from, to) / 1000) * 1000,
    );
  }
  instants.sort((a, b) => a - b);
  const generator = createComplaintGenerator(options);
  return instants.map((at) => generator.next(new Date(at)));
}
