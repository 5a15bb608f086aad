import { categoryTopic, isTopicWord, topicWords } from '../text/topic-words.js';
import type { RekapComplaint, TopicCount } from './types.js';

export interface TopicEntries {
  categories: [string, number][];
  words: [string, number][];
}

/** Category counts, and word counts for complaints without a category; memory by distinct topics. */
const NONE: ReadonlySet<string> = new Set();

export class TopicCounter {
  private readonly categories = new Map<string, number>();
  private readonly words = new Map<string, number>();

  add(c: RekapComplaint): void {
    const category = categoryTopic(c.category);
    if (category) {
      this.categories.set(category, (this.categories.get(category) ?? 0) + 1);
      return;
    }
    // A confidential complaint's words never reach a page, not even as a count.
    if (c.rahasia) return;
    // The ledger's rekap records carry their words (those stored before the stop list grew
    // are checked against it again); a complaint read whole has its text.
    for (const word of c.words ?? topicWords(c.title || c.body || ''))
      if (isTopicWord(word)) this.words.set(word, (this.words.get(word) ?? 0) + 1);
  }

  /** The counts in a form another counter can merge (`merge`). */
  entries(): TopicEntries {
    return { categories: [...this.categories.entries()], words: [...this.words.entries()] };
  }

  merge(entries: TopicEntries): void {
    for (const [topic, n] of entries.categories) this.categories.set(topic, (this.categories.get(topic) ?? 0) + n);
    for (const [word, n] of entries.words) this.words.set(word, (this.words.get(word) ?? 0) + n);
  }

  /** The `size` most counted of each; `leaveOut` words are not shown (the deployment's own name). */
  top(size: number, leaveOut: ReadonlySet<string> = NONE): { topCategories: TopicCount[]; topWords: TopicCount[] } {
    const words = leaveOut.size === 0 ? this.words : new Map([...this.words].filter(([w]) => !leaveOut.has(w)));
    return { topCategories: topOf(this.categories, size), topWords: topOf(words, size) };
  }
}

function topOf(counts: Map<string, number>, size: number): TopicCount[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'id'))
    .slice(0, size)
    .map(([topic, count]) => ({ topic, count }));
}
