/**
 * Character 4-gram shingles of normalized text, hashed to 32 bits, and their MinHash
 * signature split into LSH bands. Character shingles survive typos and the odd unexpanded
 * abbreviation that word shingles would lose whole.
 */
const SHINGLE = 4;

function fnv1a(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * A text's shingles, ascending, each once: 4 bytes a shingle (a Set of the same numbers costs
 * about fifteen times that, and the dedup stage keeps thousands of them), intersected by a merge.
 */
export type Shingles = Uint32Array;

export function shingles(text: string): Shingles {
  const padded = ` ${text} `;
  if (padded.length <= SHINGLE)
    return text.length > 0 ? Uint32Array.of(fnv1a(padded, 0, padded.length)) : new Uint32Array(0);
  const all = new Uint32Array(padded.length - SHINGLE + 1);
  for (let i = 0; i < all.length; i++) all[i] = fnv1a(padded, i, i + SHINGLE);
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i]!;
  return all.slice(0, n);
}

/** A 32-bit mix (murmur3's finalizer) of a shingle with one permutation's seed. */
function mix(x: number, seed: number): number {
  let h = (x ^ seed) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const SEEDS = Array.from({ length: 256 }, (_, i) => mix(i + 1, 0x9e3779b9));

export function minhash(set: Shingles, permutations: number): Uint32Array {
  const sig = new Uint32Array(permutations).fill(0xffffffff);
  for (const x of set) {
    for (let p = 0; p < permutations; p++) {
      const h = mix(x, SEEDS[p]!);
      if (h < sig[p]!) sig[p] = h;
    }
  }
  return sig;
}

/** One key per band: the band's number and a hash of its rows. Equal keys are LSH candidates. */
export function bandKeys(sig: Uint32Array, bands: number, rows: number): string[] {
  const keys: string[] = [];
  for (let b = 0; b < bands; b++) {
    let h = 0x811c9dc5;
    for (let r = 0; r < rows; r++) h = Math.imul(h ^ (sig[b * rows + r] ?? 0), 0x01000193) >>> 0;
    keys.push(`${b}.${h.toString(36)}`);
  }
  return keys;
}

/** Shingles two texts share: one merge of the two ascending lists. */
export function intersectionSize(a: Shingles, b: Shingles): number {
  let n = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      n++;
      i++;
      j++;
    }
  }
  return n;
}
