import type { z } from 'zod';

const SECRET_LIKE = /token|password|secret|api[-_]?key|credential/i;

/** Hints for keys whose fix is not obvious from the message alone. */
const HINTS_BY_PATH: Readonly<Record<string, string>> = {
  'redis.url': 'use a URL like redis://127.0.0.1:6379, or set REDIS_URL',
  'http.port': 'choose a free TCP port 1-65535 (0 picks a random one), or set LAPOR_BRIDGE_HTTP_PORT',
  'logging.level': 'use one of fatal, error, warn, info, debug, trace, silent, or set LOG_LEVEL',
  'instance.timezone': 'use an IANA zone name such as Asia/Jakarta',
};

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

export function unknownKeyHint(key: string, known: readonly string[]): string {
  if (SECRET_LIKE.test(key)) {
    return `secrets are never read from config files: remove "${key}" and set the environment variable named in the README`;
  }
  const guess = closest(key, known);
  const list = known.length > 0 ? ` (known keys here: ${known.join(', ')})` : '';
  return guess ? `did you mean "${guess}"? remove or rename it${list}` : `remove it${list}`;
}

export function issueHint(issue: z.core.$ZodIssue, path: string): string {
  const byPath = HINTS_BY_PATH[path];
  if (byPath) return byPath;
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined/.test(issue.message)
        ? `add "${path}" (${issue.expected})`
        : `set "${path}" to a ${issue.expected}`;
    case 'invalid_value':
      return `use one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
    case 'too_big':
      return `choose a value within the allowed range for "${path}"`;
    default:
      return `correct "${path}" as described`;
  }
}
