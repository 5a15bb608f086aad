/**
 * A pure function of a text, remembered for the last `limit` texts asked (forgotten all at
 * once when full: cheaper than an LRU, and the texts of one page are asked close together).
 * For work done again on the same text by several stages, or for the same text across records.
 */
export function memoByText<V>(limit: number, compute: (text: string) => V): (text: string) => V {
  const held = new Map<string, V>();
  return (text) => {
    if (held.has(text)) return held.get(text) as V;
    const value = compute(text);
    if (held.size >= limit) held.clear();
    held.set(text, value);
    return value;
  };
}
