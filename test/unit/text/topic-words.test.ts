import { describe, expect, it } from 'vitest';
import { TopicCounter } from '../../../src/rekap/topics.js';
import type { RekapComplaint } from '../../../src/rekap/types.js';
import { isTopicWord, topicWords } from '../../../src/text/topic-words.js';

describe('the words a complaint without a category is counted under', () => {
  it.each([
    ['Jalan rusak di Desa Kemiri, Kec. Ngawen, Kabupaten Blora', ['jalan', 'rusak']],
    ['Usulan perbaikan saluran di Kelurahan Tempelan', ['perbaikan', 'saluran']],
    ['Lampu penerangan jalan umum mati sejak 3 minggu', ['lampu', 'penerangan', 'jalan', 'mati']],
    ['Akta kelahiran anak tidak kunjung terbit', ['akta', 'kelahiran', 'anak', 'terbit']],
    ['Yth. Bapak Bupati, pupuk subsidi langka', ['pupuk', 'subsidi', 'langka']],
  ])('%s', (title, words) => {
    expect(topicWords(title)).toEqual(words);
  });

  it('keeps twelve distinct words at most', () => {
    const text = Array.from({ length: 20 }, (_, i) => `kata${String.fromCharCode(97 + i)}`).join(' ');
    expect(topicWords(`${text} ${text}`)).toHaveLength(12);
  });

  it('never counts a word of the stop list, even one a record stored before the list had it', () => {
    expect(['desa', 'kecamatan', 'usulan', 'setiap', 'alasan', '2026', 'rt'].filter(isTopicWord)).toEqual([]);
    const counter = new TopicCounter();
    const stored = { words: ['desa', 'pupuk', 'kecamatan', 'langka'], rahasia: false } as RekapComplaint;
    counter.add(stored);
    counter.add({ ...stored, words: ['pupuk', 'usulan'] });
    expect(counter.top(5).topWords).toEqual([
      { topic: 'pupuk', count: 2 },
      { topic: 'langka', count: 1 },
    ]);
  });
});
