import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** A fake that shares the client's schema makes every contract test agree with itself. */
const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));

function importsOf(dir: string): { file: string; from: string }[] {
  const out: { file: string; from: string }[] = [];
  for (const entry of readdirSync(join(SRC, dir), { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = join(entry.parentPath, entry.name);
    for (const m of readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g))
      out.push({ file: file.slice(SRC.length), from: m[1]! });
  }
  return out;
}

describe('independence of sandbox and connectors', () => {
  it('the sandbox imports no connector code', () => {
    expect(importsOf('sandbox').length).toBeGreaterThan(50);
    expect(importsOf('sandbox').filter((i) => i.from.includes('connectors/'))).toEqual([]);
  });

  it('connectors import no sandbox', () => {
    expect(importsOf('connectors').length).toBeGreaterThan(30);
    expect(importsOf('connectors').filter((i) => i.from.includes('sandbox'))).toEqual([]);
  });
});
