import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages } from '../../../src/i18n/messages.js';

/** Every audit code the daemon writes (`what: '…'`, and the two-way codes written as `? '…' : '…'`). */
function codesWritten(dir: string): Set<string> {
  const codes = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    for (const m of text.matchAll(/\bwhat: ([^,\n]+)/g))
      for (const code of m[1]!.matchAll(/(?:^|[?:]\s*)'([a-z_]+)'/g)) codes.add(code[1]!);
  }
  return codes;
}

describe('audit actions in the catalogue', () => {
  const codes = codesWritten(join(import.meta.dirname, '../../../src'));

  it('names every code the daemon writes, in Indonesian and in English', () => {
    expect(codes.size).toBeGreaterThan(30);
    for (const code of codes) {
      expect(messages('id').audit.action(code), code).not.toBe(code);
      expect(messages('en').audit.action(code), code).not.toBe(code);
    }
  });

  it('shows a code it does not know as it is', () => {
    expect(messages('id').audit.action('something_new')).toBe('something_new');
    expect(messages('en').audit.action('constructor')).toBe('constructor');
  });
});
