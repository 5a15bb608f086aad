import { describe, expect, it } from 'vitest';
import { PartCache } from '../../../src/rekap/part-cache.js';

describe('PartCache', () => {
  it('keeps parts while their meta is the same text, the newest within its text budget', () => {
    const cache = new PartCache(100);
    cache.set('a', 'm1', 'A', 40);
    cache.set('b', 'm1', 'B', 40);
    expect(cache.get('a', 'm1')).toBe('A');
    expect(cache.get('a', 'm2')).toBeUndefined();
    // 120 over 100: the oldest goes first.
    cache.set('c', 'm1', 'C', 40);
    expect(cache.get('a', 'm1')).toBeUndefined();
    expect([cache.get('b', 'm1'), cache.get('c', 'm1')]).toEqual(['B', 'C']);
    // Set again: its size counted once, and it is the newest now.
    cache.set('b', 'm2', 'B2', 40);
    cache.set('d', 'm1', 'D', 20);
    expect([cache.get('b', 'm2'), cache.get('c', 'm1'), cache.get('d', 'm1')]).toEqual(['B2', 'C', 'D']);
    cache.set('e', 'm1', 'E', 30);
    expect(cache.get('c', 'm1')).toBeUndefined();
    // A part larger than the whole budget is still kept, alone, until the next.
    cache.set('big', 'm1', 'BIG', 500);
    expect(cache.get('big', 'm1')).toBe('BIG');
    expect([cache.get('b', 'm2'), cache.get('d', 'm1'), cache.get('e', 'm1')]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    cache.set('f', 'm1', 'F', 10);
    expect([cache.get('big', 'm1'), cache.get('f', 'm1')]).toEqual([undefined, 'F']);
  });
});
