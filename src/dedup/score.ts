import { memoByText } from '../text/memo.js';
import type { DedupDoc } from './doc.js';
import { intersectionSize, shingles, type Shingles } from './minhash.js';
import type { DedupSettings } from './settings.js';

export type MatchKind = 'duplicate' | 'related' | 'different';
export type MatchAction = 'link' | 'propose' | 'none';

export interface Match {
  kind: MatchKind;
  action: MatchAction;
  /** The duplicate score, 0..1: text similarity moved by reporter, place, category and time. */
  score: number;
  /** Text similarity alone, 0..1. */
  text: number;
  /** Why, in short words an operator can read ("same reporter", "other desa"…). */
  signals: string[];
}

const DAY_MS = 86_400_000;
/** Below this many shingles a text is too short for containment to mean anything. */
const MIN_CONTAINED = 40;
const NEARLY_IDENTICAL = 0.95;
/**
 * The same reporter multiplies the odds that the words tell the same complaint: with the
 * same place, somewhat under half the words in common link (a citizen's retelling of their
 * own complaint); another complaint of the same citizen shares less and is left alone.
 */
const SAME_REPORTER_ODDS = 6;
/** Days within which a resend is as likely as the next day: the time distance counts only beyond. */
const RESEND_GRACE_DAYS = 30;
/** Where only the kecamatan is known on both sides, the words must say more for a link by themselves. */
const SAME_KECAMATAN_TEXT = 0.9;

/** Shingles computed once per text, however many candidates it is compared with. */
export type ShingleCache = (text: string) => Shingles;
export const shingleCache = (): ShingleCache => memoByText(10_000, shingles);

/**
 * Similarity of the words: Jaccard, or where `contained` allows, the larger of Jaccard and
 * (discounted) containment of the smaller text in the larger.
 */
export function textSimilarity(a: Shingles, b: Shingles, contained: boolean): number {
  if (a.length === 0 || b.length === 0) return 0;
  const inter = intersectionSize(a, b);
  const jaccard = inter / (a.length + b.length - inter);
  const smaller = Math.min(a.length, b.length);
  return contained && smaller >= MIN_CONTAINED ? Math.max(jaccard, (0.9 * inter) / smaller) : jaccard;
}

/**
 * When a text that says less than another may still be the same complaint: it was cut at
 * an SMS limit (the rest is in the full text it came from), or the same citizen sent both
 * (a resend that leaves points out). Two people's texts, one inside the other, are more
 * often the same stock phrases: those are compared whole.
 */
function containmentCounts(a: DedupDoc, b: DedupDoc, sameReporter: boolean, cache: ShingleCache): boolean {
  if (sameReporter) return true;
  const [sa, sb] = [cache(a.t).length, cache(b.t).length];
  return (a.cut === true && sa <= sb) || (b.cut === true && sb <= sa);
}

function toward(value: number, weight: number): number {
  return value + weight * (1 - value);
}

function timesOdds(value: number, factor: number): number {
  return value >= 1 ? 1 : (factor * value) / (factor * value + 1 - value);
}

/**
 * Compares two complaints. Duplicate (the same citizen, the same complaint, again) and
 * related (the same problem told by someone else) are told apart by the reporter and the
 * wording, the strongest signals; place, category and time move the score less.
 */
export function compare(a: DedupDoc, b: DedupDoc, settings: DedupSettings, cache = shingleCache()): Match {
  // Most candidates are strangers elsewhere: even identical words could not make them a
  // duplicate or related, so their words are not compared at all.
  const strangers = a.r !== undefined && b.r !== undefined && a.r !== b.r;
  const sameDesaAtMost = a.desa === undefined || b.desa === undefined || a.desa === b.desa;
  if (strangers && 0.55 < settings.propose && !(a.desa !== undefined && a.desa === b.desa)) {
    return {
      kind: 'different',
      action: 'none',
      score: 0,
      text: 0,
      signals: ['pelapor lain', sameDesaAtMost ? 'tempat tidak diketahui' : 'tempat lain'],
    };
  }
  const sameReporter = a.r !== undefined && a.r === b.r;
  const text = textSimilarity(cache(a.t), cache(b.t), containmentCounts(a, b, sameReporter, cache));
  const days = Math.abs(a.at - b.at) / DAY_MS;
  const signals: string[] = [`teks ${text.toFixed(2)}`];
  const otherReporter = a.r !== undefined && b.r !== undefined && a.r !== b.r;
  if (sameReporter && a.t.length > 0 && a.t === b.t && days <= settings.exactDays) {
    return { kind: 'duplicate', action: 'link', score: 1, text, signals: ['teks sama', 'pelapor sama'] };
  }
  let score = text;
  if (sameReporter) {
    score = timesOdds(score, SAME_REPORTER_ODDS);
    signals.push('pelapor sama');
  } else if (otherReporter) {
    score *= 0.55;
    signals.push('pelapor lain');
  }
  const sameDesa = a.desa !== undefined && b.desa !== undefined ? a.desa === b.desa : undefined;
  const sameRt = a.rt !== undefined && b.rt !== undefined ? a.rt === b.rt : undefined;
  const samePlace =
    sameRt === false ? false : (sameDesa ?? (a.kec !== undefined && b.kec !== undefined ? a.kec === b.kec : undefined));
  if (samePlace === true) {
    score = toward(score, 0.1);
    signals.push('tempat sama');
  } else if (samePlace === false) {
    score *= 0.7;
    signals.push('tempat lain');
  }
  const sameCategory = a.cat !== undefined && b.cat !== undefined ? a.cat === b.cat : undefined;
  if (sameCategory === false) {
    score *= 0.85;
    signals.push('kategori lain');
  }
  // A citizen who heard nothing sends again within weeks; months apart, the same words may be news.
  score *= 1 - 0.15 * Math.min(1, Math.max(0, days - RESEND_GRACE_DAYS) / 180);
  if (days >= 1) signals.push(`selang ${Math.round(days)} hari`);
  score = Math.round(score * 1000) / 1000;
  // A wrong merge hides a citizen's complaint: without the same reporter or the same place
  // only a nearly identical text links by itself; the rest is proposed to an operator.
  const corroborated =
    sameReporter ||
    (sameDesa === true && sameRt !== false) ||
    (samePlace === true && text >= SAME_KECAMATAN_TEXT) ||
    text >= NEARLY_IDENTICAL;
  if (score >= settings.autoLink && corroborated) return { kind: 'duplicate', action: 'link', score, text, signals };
  // An operator is asked only when something besides the words points the same way (the
  // reporter or the desa), or the words are nearly the same and say enough: template-like
  // texts from strangers would otherwise flood the list.
  const short = Math.min(cache(a.t).length, cache(b.t).length) < MIN_CONTAINED;
  // Two places known to differ are two problems unless one citizen tells both: the same
  // words from elsewhere are a form letter or a common complaint, not one to merge.
  const worthAsking =
    sameReporter || (!short && samePlace !== false && (sameDesa === true || text >= NEARLY_IDENTICAL));
  if (score >= settings.propose && worthAsking) {
    return {
      kind: 'duplicate',
      action: 'propose',
      score,
      text,
      signals: score >= settings.autoLink ? [...signals, 'tanpa pelapor/tempat yang cocok'] : signals,
    };
  }
  // Related: the same problem in the same desa, told by someone else — the same category, or alike words.
  const sameProblem =
    sameDesa === true && (sameCategory === true || (sameCategory === undefined && text >= settings.related));
  if (sameProblem && !sameReporter && days <= settings.relatedDays)
    return { kind: 'related', action: 'link', score, text, signals };
  return { kind: 'different', action: 'none', score, text, signals };
}
