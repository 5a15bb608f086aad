import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));

function importsOf(dir: string): string[] {
  return readdirSync(join(SRC, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .flatMap((e) =>
      [...readFileSync(join(e.parentPath, e.name), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!),
    );
}

describe('production working days and rekap', () => {
  it.each(['domain', 'rekap', 'http'])('src/%s imports no sandbox (the sandbox keeps its own working days)', (dir) => {
    const imports = importsOf(dir);
    expect(imports.length).toBeGreaterThan(5);
    expect(imports.filter((from) => from.includes('sandbox/'))).toEqual([]);
  });
});
