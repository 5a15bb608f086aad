import type { z } from 'zod';
import type { Catalog } from '../i18n/messages.js';

const SECRET_LIKE = /token|password|secret|api[-_]?key|credential/i;

type ConfigText = Catalog['config'];

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const score = distance(word.toLowerCase(), c.toLowerCase());
    if (score < bestScore) [best, bestScore] = [c, score];
  }
  return bestScore <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

export function unknownKeyHint(key: string, known: readonly string[], text: ConfigText): string {
  if (SECRET_LIKE.test(key)) return text.secretInFile(key);
  const guess = closest(key, known);
  const list = text.knownHere(known);
  return guess ? text.renameKey(guess, list) : text.removeKey(list);
}

/** The fix for a value the schema refused: by its key when the fix is not obvious from the message alone, else by the kind of problem. */
export function issueHint(issue: z.core.$ZodIssue, path: string, text: ConfigText): string {
  const byPath = text.hintsByPath[path];
  if (byPath) return byPath;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? text.addKey(path, issue.expected) : text.setType(path, issue.expected);
    case 'invalid_value':
      return text.oneOf(issue.values.map((v) => JSON.stringify(v)).join(', '));
    case 'too_small':
    case 'too_big':
      return text.inRange(path);
    case 'invalid_format':
      return fixOf(text, issue.format) ?? text.asDescribed(path);
    case 'custom':
      return fixOf(text, issue.params?.fix) ?? text.asDescribed(path);
    default:
      return text.asDescribed(path);
  }
}

function fixOf(text: ConfigText, key: unknown): string | undefined {
  return typeof key === 'string' && Object.hasOwn(text.fixes, key)
    ? text.fixes[key as keyof ConfigText['fixes']]
    : undefined;
}
