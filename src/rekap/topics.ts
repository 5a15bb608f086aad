import { normalizedTokens } from '../text/normalize.js';
import type { RekapComplaint, TopicCount } from './types.js';

/** Words that say nothing about what a complaint is about. Data: extend freely. */
const STOP_WORDS = new Set(
  `ada adalah agar akan atas atau bagaimana bagi bahwa banyak bapak belum bisa bu buat dalam dan dari dengan di dia ibu ini itu jadi juga kami karena ke kepada kita lagi
  mau mohon namun nya oleh pada pak para saat saja sampai sangat saya sejak sekali sudah supaya tapi telah terima kasih tersebut tidak tolong untuk warga yang ya yth
  segera kapan sudah masih harap tindak lanjut ditindaklanjuti lanjuti informasi aduan laporan pengaduan mohon`
    .split(/\s+/)
    .filter(Boolean),
);
const WORDS_PER_COMPLAINT = 12;

/** Category counts, and word counts for complaints without a category; memory by distinct topics. */
export class TopicCounter {
  private readonly categories = new Map<string, number>();
  private readonly words = new Map<string, number>();

  add(c: RekapComplaint): void {
    const category = c.category?.name?.trim() || c.category?.id?.trim();
    if (category) {
      this.categories.set(category, (this.categories.get(category) ?? 0) + 1);
      return;
    }
    // A confidential complaint's words never reach a page, not even as a count.
    if (c.rahasia) return;
    const distinct = new Set(
      normalizedTokens(c.title || c.body).filter((w) => w.length >= 4 && !STOP_WORDS.has(w) && !/^\d+$/.test(w)),
    );
    for (const word of [...distinct].slice(0, WORDS_PER_COMPLAINT))
      this.words.set(word, (this.words.get(word) ?? 0) + 1);
  }

  top(size: number): { topCategories: TopicCount[]; topWords: TopicCount[] } {
    return { topCategories: topOf(this.categories, size), topWords: topOf(this.words, size) };
  }
}

function topOf(counts: Map<string, number>, size: number): TopicCount[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'id'))
    .slice(0, size)
    .map(([topic, count]) => ({ topic, count }));
}
