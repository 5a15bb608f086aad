import { memoByText } from './memo.js';
import { maskText } from '../domain/mask.js';
import { ABBREVIATIONS } from './abbreviations.js';
import { isValidCodePoint, replaceLoneSurrogates } from './invalid-characters.js';
import { COMMON_WORDS, OPENING_FORMULAS, POLITE_FORMULAS } from './lexicon.js';

/**
 * The one normalizer of complaint text, in two forms:
 * - `cleanText`: as people should read it (and as every text leaving the ledger is sent):
 *   markup removed, entities decoded, whitespace tidied, phone / NIK / KK / e-mail masked.
 * - `normalizeText`: as machines compare it (dedup, routing): the clean text without
 *   greetings and closing formulas, URLs, emoji and punctuation, case-folded, with SMS
 *   abbreviations expanded and glued SMS segments repaired.
 * Both are total: any string in, a string out, never an exception.
 */

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntity(whole: string, entity: string): string {
  const lower = entity.toLowerCase();
  const code = lower.startsWith('#x')
    ? parseInt(lower.slice(2), 16)
    : lower.startsWith('#')
      ? Number(lower.slice(1))
      : NaN;
  // Outside Unicode or a surrogate half: replaced (a lone half would make the text ill-formed), and counted by ingest.
  if (lower.startsWith('#')) return isValidCodePoint(code) ? String.fromCodePoint(code) : '\uFFFD';
  return ENTITIES[lower] ?? whole;
}

/** Script and style elements with their content; by index, so a thousand unclosed tags cost one pass each. */
function withoutScripts(raw: string): string {
  const lower = raw.toLowerCase();
  const open = /<(script|style)\b[^<>]*>/gi;
  const parts: string[] = [];
  let from = 0;
  for (let m = open.exec(raw); m; m = open.exec(raw)) {
    const close = lower.indexOf(`</${m[1]!.toLowerCase()}`, open.lastIndex);
    if (close < 0) break;
    const end = lower.indexOf('>', close);
    parts.push(raw.slice(from, m.index), ' ');
    from = end < 0 ? raw.length : end + 1;
    open.lastIndex = from;
  }
  parts.push(raw.slice(from));
  return parts.join('');
}

/**
 * A text is cleaned where its complaint is built, where it is stored (is the body derivable?)
 * and where dedup reads it: remembered, so each is cleaned once.
 */
export const cleanText = memoByText(1000, clean);

function clean(raw: string): string {
  const text = withoutScripts(replaceLoneSurrogates(raw))
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li)>/gi, '\n')
    .replace(/<[^<>]*>/g, '')
    .replace(/&(#\d{1,8}|#x[0-9a-f]{1,8}|\w{1,32});/gi, decodeEntity)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return maskText(text);
}

/** Stands where an SMS gateway's part marker ("(1/2)") was, so the words around it can be rejoined. */
const SEAM = '\ue000';
const SEGMENT_MARKER = /[([]\s*\d{1,2}\s*\/\s*\d{1,2}\s*[)\]]/g;
const URL = /\b(?:https?:\/\/|www\.)\S*/gi;
const MASKED = /\[nik\/kk disamarkan\]|\[email disamarkan\]|\d\[\*+\]\d|\[\*\*\*\]/g;
const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0e|\ufe0f|\u20e3/gu;

/** A Map, not the record: a token such as "constructor" must not find Object's prototype. */
const EXPANSIONS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(ABBREVIATIONS).map(([k, v]) => [k, v.split(' ')]),
);

const VOCABULARY: ReadonlySet<string> = new Set([
  ...COMMON_WORDS,
  ...Object.values(ABBREVIATIONS).flatMap((v) => v.split(' ')),
  ...Object.keys(ABBREVIATIONS).filter((k) => k.length >= 2),
]);

function formulaTokens(list: readonly string[]): string[][] {
  return list.map((f) => f.split(' ')).sort((a, b) => b.length - a.length);
}
const OPENINGS = formulaTokens(OPENING_FORMULAS);
const POLITE = formulaTokens(POLITE_FORMULAS);

/** A word of the lexicon (common words, abbreviations and what they stand for). */
export function isWord(token: string): boolean {
  return VOCABULARY.has(token);
}

const MAX_GLUED = 40;

/**
 * "jalanrusakdanberlubang" (parts of an SMS glued without their spaces) → "jalan rusak dan
 * berlubang", when the token is no word but splits wholly into known words: the split with
 * the fewest words wins.
 */
function splitGlued(token: string): readonly string[] {
  if (token.length < 5 || token.length > MAX_GLUED || isWord(token) || !/^\p{L}+$/u.test(token)) return [token];
  return bestSplit(token);
}

/** The same unknown tokens (names, places, typos) come back record after record. */
const bestSplit = memoByText(10_000, (token): readonly string[] => {
  const best: (string[] | undefined)[] = [[]];
  for (let end = 2; end <= token.length; end++) {
    for (let start = Math.max(0, end - 20); start <= end - 2; start++) {
      const head = best[start];
      if (!head || (best[end] && head.length + 1 >= best[end]!.length)) continue;
      const part = token.slice(start, end);
      if (isWord(part)) best[end] = [...head, part];
    }
  }
  const found = best[token.length];
  return found && found.length > 1 ? found : [token];
});

/** Words around a part marker: "perbai (2/2) kan" → "perbaikan" when only the joined form is a word. */
function rejoinSeams(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token !== SEAM) {
      out.push(token);
      continue;
    }
    const before = out.at(-1);
    const after = tokens[i + 1];
    if (before && after && after !== SEAM && isWord(before + after) && !(isWord(before) && isWord(after))) {
      out[out.length - 1] = before + after;
      i += 1;
    }
  }
  return out;
}

function startsWith(tokens: readonly string[], at: number, phrase: readonly string[]): boolean {
  return phrase.every((p, k) => tokens[at + k] === p);
}

/** Phrases by their first word, longest first, so a token meets only the phrases it can start. */
function byFirstWord(phrases: readonly string[][]): Map<string, string[][]> {
  const map = new Map<string, string[][]>();
  for (const p of phrases) map.set(p[0]!, [...(map.get(p[0]!) ?? []), p]);
  return map;
}
const POLITE_BY_FIRST = byFirstWord(POLITE);
const LEADING_BY_FIRST = byFirstWord([...POLITE, ...OPENINGS].sort((a, b) => b.length - a.length));

function stripFormulas(tokens: string[]): string[] {
  let start = 0;
  for (let found = true; found && start < tokens.length;) {
    const phrase = LEADING_BY_FIRST.get(tokens[start]!)?.find((p) => startsWith(tokens, start, p));
    found = phrase !== undefined;
    if (phrase) start += phrase.length;
  }
  const out: string[] = [];
  for (let i = start; i < tokens.length;) {
    const phrase = POLITE_BY_FIRST.get(tokens[i]!)?.find((p) => startsWith(tokens, i, p));
    if (phrase) {
      i += phrase.length;
      continue;
    }
    out.push(tokens[i]!);
    i += 1;
  }
  return out;
}

/** Accents off and compatibility forms folded ("Café" → "Cafe", "𝐉𝐚𝐥𝐚𝐧" → "Jalan"), only where the text is not ASCII. */
function foldUnicode(run: string): string {
  return run.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFKC');
}

/** "Yth. Bapak Bupati Blora," — an addressee line, names included, up to its first comma or line end. */
const ADDRESSEE_LINE = /^\s*(?:kepada\s+)?(?:yth\b|yang\s+terhormat\b)[^,\n:]{0,60}[,\n:]/i;

export function normalizedTokens(raw: string): string[] {
  const text = cleanText(raw)
    .replace(ADDRESSEE_LINE, ' ')
    .replace(SEGMENT_MARKER, ` ${SEAM} `)
    .replace(URL, ' ')
    .replace(/[\u0080-\uffff]+/g, foldUnicode)
    .toLowerCase()
    .replace(MASKED, ' ')
    .replace(EMOJI, ' ')
    // Indonesian reduplication typed with a 2: "anak2" → "anak anak".
    .replace(/(?<!\p{L})(\p{L}{2,40})2(?!\d)/gu, '$1 $1')
    .replace(/(\p{L})(\d)/gu, '$1 $2')
    .replace(/(\d)(\p{L})/gu, '$1 $2')
    .replace(/[^\p{L}\p{N}\ue000]+/gu, ' ')
    // Elongated chat words: "tolooong" → "tolong".
    .replace(/(\p{L})\1{2,}/gu, '$1');
  const tokens: string[] = [];
  for (const t of text.split(' ')) if (t) tokens.push(/^\d+$/.test(t) ? t.replace(/^0+(?=\d)/, '') : t);
  // Loops, not flatMap: this runs for every record dedup and routing read, and flatMap costs several times as much.
  const expanded: string[] = [];
  for (const token of rejoinSeams(tokens))
    for (const part of splitGlued(token)) {
      const expansion = EXPANSIONS.get(part);
      if (expansion) for (const word of expansion) expanded.push(word);
      else expanded.push(part);
    }
  return stripFormulas(expanded);
}

export function normalizeText(raw: string): string {
  return normalizedTokens(raw).join(' ');
}
