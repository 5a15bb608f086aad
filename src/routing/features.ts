import { normalizedTokens } from '../text/normalize.js';

/** What the classifier reads of a complaint: its text and, where the channel has one, its own category. */
export interface RoutingInput {
  text: string;
  category?: string | undefined;
}

/** Hashed feature space: 2^18 buckets keeps the model small; collisions cost little at this size. */
export const FEATURE_BITS = 18;
const MASK = (1 << FEATURE_BITS) - 1;

function hash(kind: number, value: string): number {
  // FNV-1a, seeded by the feature kind so a word and a character n-gram never share a bucket by design.
  let h = (0x811c9dc5 ^ kind) >>> 0;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h & MASK;
}

const WORD = 1;
const BIGRAM = 2;
const CHARS = 3;
const CATEGORY = 4;

/**
 * Word unigrams and bigrams, character 3- to 5-grams of each word (typos and glued words
 * still share most of them), and the channel's category, over the one normalized text
 * (src/text: casefold, masking, SMS abbreviations expanded). Unique bucket ids.
 */
export function featuresOf(input: RoutingInput): Uint32Array {
  const tokens = normalizedTokens(input.text);
  const out = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    out.add(hash(WORD, t));
    if (i + 1 < tokens.length) out.add(hash(BIGRAM, `${t} ${tokens[i + 1]}`));
    if (t.length < 4) continue;
    const w = `<${t}>`;
    for (let n = 3; n <= 5; n++) for (let j = 0; j + n <= w.length; j++) out.add(hash(CHARS, w.slice(j, j + n)));
  }
  const category = input.category?.trim().toLowerCase();
  if (category) out.add(hash(CATEGORY, category));
  return Uint32Array.from(out);
}

/** The bucket of the category feature, weighted apart in training and scoring. */
export function categoryFeature(category: string | undefined): number | undefined {
  const c = category?.trim().toLowerCase();
  return c ? hash(CATEGORY, c) : undefined;
}
