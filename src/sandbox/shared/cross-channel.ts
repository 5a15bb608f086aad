import { BLORA_KECAMATAN, BLORA_STREETS } from './blora-places.js';
import { fillSlots, renderText } from './complaint-text.js';
import { TOPIC_TREE } from './complaint-topics.js';
import type { ComplaintFacts } from './generate.js';
import { generatePerson } from './people.js';
import type { Random } from './random.js';

/**
 * What citizens do across channels, for the demo data: the same citizen sends the same
 * complaint again on another channel days later (a **resend**: one case), and another
 * citizen of the same desa reports the same problem in their own words (**related**: shown
 * together, each answered on its own).
 */
export type CrossChannelKind = 'resend' | 'related';

export interface CrossChannelPair {
  kind: CrossChannelKind;
  original: ComplaintFacts;
  copy: ComplaintFacts;
}

const HOUR = 3_600_000;
const DURATIONS = ['2 minggu', 'sebulan', '3 bulan', 'setengah tahun'] as const;

/** The same citizen, the same words (the new channel renders them its own way), 1 to 5 days later. */
function resendOf(original: ComplaintFacts, random: Random, latestMs: number): ComplaintFacts {
  const at = Math.min(latestMs, original.reportedAt.getTime() + random.int(24, 120) * HOUR);
  return { ...original, channel: random.pick(['web', 'android'] as const), reportedAt: new Date(wholeSecond(at)) };
}

/** Another citizen of the same desa tells the same problem (same subject) in other words, within days. */
function relatedTo(original: ComplaintFacts, random: Random, latestMs: number): ComplaintFacts {
  const sub = TOPIC_TREE.find((t) => t.name === original.category.top)?.children.find(
    (s) => s.name === original.category.sub,
  );
  if (!sub) throw new Error(`unknown sub-topic ${original.category.top} / ${original.category.sub}`);
  const { desa, kecamatan, kelurahan } = original.place;
  const lokasi = `${kelurahan ? 'Kel.' : 'Desa'} ${desa}, Kec. ${kecamatan}`;
  const slots = {
    desa,
    kec: kecamatan,
    lokasi,
    jalan: random.pick(BLORA_STREETS),
    durasi: random.pick(DURATIONS),
    rt: `RT ${String(random.int(1, 9)).padStart(2, '0')} RW ${String(random.int(1, 5)).padStart(2, '0')}`,
    sekolah: `SDN 1 ${desa}`,
  };
  const paragraphs = [
    ...(random.chance(0.5) ? ['Selamat siang,'] : []),
    `Saya warga ${slots.rt} ${lokasi}.`,
    fillSlots(random.pick(sub.pengaduan.core), slots),
    ...(sub.pengaduan.details.length > 0 ? [fillSlots(random.pick(sub.pengaduan.details), slots)] : []),
    'Mohon ditindaklanjuti.',
  ];
  const kec = BLORA_KECAMATAN.find((k) => k.name === kecamatan);
  const at = Math.min(latestMs, original.reportedAt.getTime() + random.int(2, 96) * HOUR);
  return {
    ...original,
    classification: 'pengaduan',
    title: fillSlots(random.pick(sub.pengaduan.titles), slots),
    text: renderText(paragraphs, random),
    channel: random.pick(['web', 'android'] as const),
    reporter: generatePerson(random, kec?.code),
    anonim: false,
    rahasia: false,
    reportedAt: new Date(wholeSecond(at)),
  };
}

function wholeSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/**
 * Replaces the newest `count` complaints of `into` (so every system keeps its number of
 * complaints) by `kind` copies of complaints drawn from `from`: public, named, pengaduan.
 * `into` stays sorted oldest first. Returns the pairs, the ground truth a test counts on.
 */
export function addCrossChannel(
  kind: CrossChannelKind,
  from: readonly ComplaintFacts[],
  into: ComplaintFacts[],
  count: number,
  random: Random,
): CrossChannelPair[] {
  const eligible = from.filter((f) => !f.anonim && !f.rahasia && f.classification === 'pengaduan');
  const latestMs = Math.max(...into.map((f) => f.reportedAt.getTime()), ...from.map((f) => f.reportedAt.getTime()));
  const pairs: CrossChannelPair[] = [];
  const taken = new Set<ComplaintFacts>();
  for (let n = Math.min(count, eligible.length, into.length); n > 0; n--) {
    let original = random.pick(eligible);
    while (taken.has(original)) original = random.pick(eligible);
    taken.add(original);
    const copy = kind === 'resend' ? resendOf(original, random, latestMs) : relatedTo(original, random, latestMs);
    pairs.push({ kind, original, copy });
  }
  into.splice(into.length - pairs.length, pairs.length, ...pairs.map((p) => p.copy));
  into.sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime());
  return pairs;
}
