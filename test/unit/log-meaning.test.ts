import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

/**
 * Every warning and error the daemon logs says what it means for the operator: a `meaning`
 * field (what the bridge does next, what the operator can do). The CLI speaks to its user
 * directly, and the simulators are no part of the daemon.
 */
const SKIPPED = ['src/cli/', 'src/sandbox/'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The text of each `.warn(…)` / `.error(…)` call on a logger, up to its closing parenthesis. */
function logCalls(text: string): string[] {
  const calls: string[] = [];
  for (const match of text.matchAll(
    /\b(?:log|logger|this\.logger|deps\.logger|ctx\.log|opts\.logger)\??\.(?:warn|error)\(/g,
  )) {
    let depth = 0;
    let end = match.index + match[0].length - 1;
    for (; end < text.length; end++) {
      if (text[end] === '(') depth++;
      else if (text[end] === ')' && --depth === 0) break;
    }
    calls.push(text.slice(match.index, end + 1));
  }
  return calls;
}

describe('log lines an operator reads', () => {
  it('every warning and error carries its meaning', () => {
    const missing: string[] = [];
    let seen = 0;
    for (const file of files(join(ROOT, 'src'))) {
      const path = relative(ROOT, file);
      if (SKIPPED.some((s) => path.startsWith(s))) continue;
      for (const call of logCalls(readFileSync(file, 'utf8'))) {
        seen++;
        if (!/\bmeaning\b/.test(call)) missing.push(`${path}: ${call.replace(/\s+/g, ' ').slice(0, 120)}`);
      }
    }
    expect(seen).toBeGreaterThan(15);
    expect(missing).toEqual([]);
  });
});
