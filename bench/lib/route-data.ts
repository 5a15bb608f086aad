import type { LabelledExample } from '../../src/routing/classifier.js';
import { BLORA_KECAMATAN } from '../../src/sandbox/shared/blora-places.js';
import { createRandom, type Random } from '../../src/sandbox/shared/random.js';
import { TERRITORIAL, UNIT_TOPICS } from './route-topics.js';

export interface GeneratedComplaint extends LabelledExample {
  reportedAt: string;
}

interface ClassSpec {
  opd: string;
  category: string;
  phrases: readonly string[];
  /** Where it happens: a kecamatan or kelurahan office is named with its place. */
  place?: string;
}

const OPENINGS = [
  'Yth Bapak Bupati Blora',
  'min',
  'ass wr wb',
  'selamat pagi',
  'mohon izin lapor',
  'kulo nuwun',
  'pak',
  'tolong min',
  'lapor',
  '',
];
const DETAILS = [
  'sudah 2 minggu tidak ada tindakan',
  'mohon segera ditindaklanjuti',
  'warga sangat resah',
  'sudah lapor ke desa tapi tidak ada respon',
  'tolong dicek ke lokasi',
  'sampun dangu mboten wonten tindak lanjut',
  'pripun niki pak',
  'monggo dipun tindaklanjuti nggih',
  'kulo mboten ngertos kedah lapor pundi',
  'kami sudah capek',
  'sangat merugikan masyarakat',
  'dari kemarin',
  '',
];
const CLOSINGS = ['terima kasih', 'matur nuwun', 'trmksh', 'mohon tanggapan', 'nuwun', ''];
/** Written the SMS way, the other way round from src/text/abbreviations.ts. */
const SHORTEN: Readonly<Record<string, string>> = {
  yang: 'yg',
  tidak: 'tdk',
  dengan: 'dgn',
  sudah: 'sdh',
  saya: 'sy',
  mohon: 'mhn',
  jalan: 'jln',
  desa: 'ds',
  kecamatan: 'kec',
  karena: 'krn',
  belum: 'blm',
  untuk: 'utk',
  terima: 'trm',
  banyak: 'byk',
  sekolah: 'sklh',
  puskesmas: 'pkm',
};

function classes(): ClassSpec[] {
  const out: ClassSpec[] = Object.entries(UNIT_TOPICS).map(([opd, t]) => ({
    opd,
    category: t.category,
    phrases: t.phrases,
  }));
  for (const k of BLORA_KECAMATAN) {
    out.push({
      opd: `kec-${k.name.toLowerCase()}`,
      category: TERRITORIAL.kecamatan.category,
      phrases: TERRITORIAL.kecamatan.phrases.map((p) => `${p} ${k.name}`),
      place: k.name,
    });
    for (const kel of k.kelurahan ?? [])
      out.push({
        opd: `kel-${kel.toLowerCase()}`,
        category: TERRITORIAL.kelurahan.category,
        phrases: TERRITORIAL.kelurahan.phrases.map((p) => `${p} ${kel}`),
        place: kel,
      });
  }
  return out;
}

function typo(r: Random, word: string): string {
  if (word.length < 4) return word;
  const i = r.int(1, word.length - 2);
  return r.chance(0.5)
    ? word.slice(0, i) + word.slice(i + 1)
    : word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

function messy(r: Random, text: string): string {
  const sms = r.chance(0.6);
  let words = text
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (sms && SHORTEN[w] && r.chance(0.7) ? SHORTEN[w] : r.chance(0.04) ? typo(r, w) : w));
  // Glued words, as SMS gateways and hurried typing make them.
  if (r.chance(0.1) && words.length > 3) {
    const i = r.int(0, words.length - 2);
    words = [...words.slice(0, i), words[i]! + words[i + 1]!, ...words.slice(i + 2)];
  }
  const joined = words.join(' ');
  if (r.chance(0.05)) return joined.toUpperCase();
  return r.chance(0.5) ? joined : joined.replace(/^./, (c) => c.toUpperCase()) + '.';
}

/**
 * Realistic, messy labelled complaints over 66 units of the Blora directory: Zipf-like
 * imbalance between offices, SMS abbreviations, typos, glued words, Javanese phrases,
 * a second topic in some texts, a missing or wrong channel category, and 2% of labels
 * wrong (as a hurried operator leaves them). Sorted by time over two years.
 */
export function generateRoutingData(
  count: number,
  seed = 7,
  from = Date.parse('2024-01-01T00:00:00Z'),
  to = Date.parse('2025-12-31T00:00:00Z'),
): GeneratedComplaint[] {
  const r = createRandom(seed);
  const specs = classes();
  const order = [...specs].sort(() => r.next() - 0.5);
  const weighted = order.map((s, rank) => [s, 1 / Math.pow(rank + 1, 0.9)] as const);
  const villages = BLORA_KECAMATAN.flatMap((k) => k.desa.map((d) => [d, k.name] as const));
  const out: GeneratedComplaint[] = [];
  for (let i = 0; i < count; i++) {
    const spec = r.weighted(weighted);
    const parts: string[] = [r.pick(OPENINGS), r.pick(spec.phrases)];
    if (r.chance(0.35)) parts.push(r.pick(spec.phrases));
    if (!spec.place && r.chance(0.6)) {
      const [desa, kec] = r.pick(villages);
      parts.push(r.chance(0.5) ? `di desa ${desa} kecamatan ${kec}` : `di ${desa}`);
    }
    if (r.chance(0.15)) parts.push(`juga ${r.pick(r.pick(specs).phrases)}`);
    parts.push(r.pick(DETAILS), r.pick(CLOSINGS));
    const labelWrong = r.chance(0.02);
    const category = r.chance(0.65) ? (r.chance(0.1) ? r.pick(specs).category : spec.category) : undefined;
    out.push({
      text: messy(r, parts.filter(Boolean).join(' ')),
      ...(category ? { category } : {}),
      opd: labelWrong ? r.pick(specs).opd : spec.opd,
      reportedAt: new Date(from + Math.floor(r.next() * (to - from))).toISOString(),
    });
  }
  return out.sort((a, b) => a.reportedAt.localeCompare(b.reportedAt));
}

/** Keyword rules as an operator would write them: two telling words per office. */
export function keywordRulesFor(): { opd: string; keywords: string[] }[] {
  return classes().map((s) => ({
    opd: s.opd,
    keywords: s.place
      ? [s.place.toLowerCase()]
      : s.phrases.slice(0, 2).map((p) => p.split(' ').sort((a, b) => b.length - a.length)[0]!),
  }));
}
