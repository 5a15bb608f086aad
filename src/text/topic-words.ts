import { createHash } from 'node:crypto';
import { normalizedTokens } from './normalize.js';

/** Words that say nothing about what a complaint is about. Data: extend freely. */
const STOP_WORDS = new Set(
  `ada adalah agar akan atas atau bagaimana bagi bahwa banyak bapak belum bisa bu buat dalam dan dari dengan di dia ibu ini itu jadi juga kami karena ke kepada kita lagi
  mau mohon namun nya oleh pada pak para saat saja sampai sangat saya sejak sekali sudah supaya tapi telah terima kasih tersebut tidak tolong untuk warga yang ya yth
  segera kapan sudah masih harap tindak lanjut ditindaklanjuti lanjuti informasi aduan laporan pengaduan mohon
  alasan apakah baru berada beberapa bulan hanya hari hingga hal kemarin kenapa keluar kondisi kunjung kurang lalu lama lebih masih melalui mengapa mengenai menjadi minggu nama pihak
  perihal sama sekarang sekitar selama semua sehingga seperti sering setiap tahun tentang terjadi terkait umum usulan
  selamat pagi siang sore malam assalamualaikum bupati dinas pemerintah pemkab instansi`
    .split(/\s+/)
    .filter(Boolean),
);
/** A place's name follows one of these ("desa kemiri", "kabupaten blora", "kec ngawen"): where, not what. */
const PLACE_MARKERS = new Set([
  'desa',
  'kel',
  'kelurahan',
  'kec',
  'kecamatan',
  'kab',
  'kabupaten',
  'kota',
  'dusun',
  'dukuh',
]);
const WORDS_PER_COMPLAINT = 12;

/**
 * Changes when the rules above do: a rekap summary counted under other words is not read
 * again (src/rekap/settings.ts), and `isTopicWord` applies the stop list to the words the
 * ledger stored before it grew.
 */
export const TOPIC_WORDS_FORM = createHash('sha1')
  .update(JSON.stringify([[...STOP_WORDS].sort(), [...PLACE_MARKERS].sort(), WORDS_PER_COMPLAINT]))
  .digest('hex')
  .slice(0, 8);

/** The category a complaint is counted under as a topic: its name, else its id; undefined when it has none. */
export function categoryTopic(category: { id?: string | undefined; name?: string | undefined } | undefined) {
  return category?.name?.trim() || category?.id?.trim() || undefined;
}

/** A normalized word that can tell a topic: four letters or more, no number, not a stop word nor a place marker. */
export function isTopicWord(word: string): boolean {
  return word.length >= 4 && !STOP_WORDS.has(word) && !PLACE_MARKERS.has(word) && !/^\d+$/.test(word);
}

/**
 * The words of the deployment's own name ("Kabupaten Blora" → blora): every complaint may say
 * where it is, so they tell no topic. Left out where topics are shown, not where they are kept.
 */
export function ownNameWords(name: string): ReadonlySet<string> {
  return new Set(normalizedTokens(name).filter(isTopicWord));
}

/** What a complaint without a category is about: its first distinct telling words (of the title, else the body), place names left out. */
export function topicWords(text: string): string[] {
  const distinct = new Set<string>();
  let placeNamed = false;
  for (const word of normalizedTokens(text)) {
    if (!placeNamed && isTopicWord(word)) distinct.add(word);
    if (distinct.size === WORDS_PER_COMPLAINT) break;
    placeNamed = PLACE_MARKERS.has(word);
  }
  return [...distinct];
}
