import { normalizedTokens } from './normalize.js';

/** Words that say nothing about what a complaint is about. Data: extend freely. */
const STOP_WORDS = new Set(
  `ada adalah agar akan atas atau bagaimana bagi bahwa banyak bapak belum bisa bu buat dalam dan dari dengan di dia ibu ini itu jadi juga kami karena ke kepada kita lagi
  mau mohon namun nya oleh pada pak para saat saja sampai sangat saya sejak sekali sudah supaya tapi telah terima kasih tersebut tidak tolong untuk warga yang ya yth
  segera kapan sudah masih harap tindak lanjut ditindaklanjuti lanjuti informasi aduan laporan pengaduan mohon`
    .split(/\s+/)
    .filter(Boolean),
);
const WORDS_PER_COMPLAINT = 12;

/** The category a complaint is counted under as a topic: its name, else its id; undefined when it has none. */
export function categoryTopic(category: { id?: string | undefined; name?: string | undefined } | undefined) {
  return category?.name?.trim() || category?.id?.trim() || undefined;
}

/** What a complaint without a category is about: its first distinct telling words (of the title, else the body). */
export function topicWords(text: string): string[] {
  const distinct = new Set(
    normalizedTokens(text).filter((w) => w.length >= 4 && !STOP_WORDS.has(w) && !/^\d+$/.test(w)),
  );
  return [...distinct].slice(0, WORDS_PER_COMPLAINT);
}
