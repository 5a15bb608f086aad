import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The top-level folder of a file under src/ (a file directly in src/ stands for itself). */
function folderOf(file: string): string {
  const parts = relative(SRC, file).split(sep);
  return parts.length > 1 ? parts[0]! : parts[0]!.replace(/\.ts$/, '');
}

/** Folder → folders it imports from, type-only imports and re-exports included. */
function folderGraph(): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file);
    for (const ref of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const to = folderOf(normalize(join(dirname(file), ref.fileName)));
      if (to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      edges.set(to, [...(edges.get(to) ?? []), relative(SRC, file)]);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Every cycle of folders, each as the path that closes it (Tarjan's strongly connected components). */
function folderCycles(graph: Map<string, Map<string, string[]>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do component.push((w = stack.pop()!));
    while (w !== v);
    if (component.length > 1) cycles.push(component);
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

/** Folders that hold Redis connections by design: the store, the connection factory, BullMQ's queues, the wiring. */
const REDIS_HOMES = ['store/', 'redis/', 'queue/', 'app/runtime.ts'];
const REDIS_CALL = /\bredis\s*\.\s*(?!on\b|once\b|quit\b|disconnect\b|connect\b|status\b|options\b)[a-z]+\s*\(/i;

describe('architecture', () => {
  it('has no import cycle between the folders of src/ (type-only imports included)', () => {
    const graph = folderGraph();
    const cycles = folderCycles(graph).map((c) =>
      c.map(
        (a) =>
          `${a} → ${c
            .filter((b) => graph.get(a)?.has(b))
            .map((b) => `${b} (${graph.get(a)!.get(b)![0]})`)
            .join(', ')}`,
      ),
    );
    expect(cycles).toEqual([]);
  });

  it('calls Redis only from src/store/ (and where connections are made)', () => {
    const callers = sourceFiles(SRC)
      .map((f) => relative(SRC, f).split(sep).join('/'))
      .filter((f) => !REDIS_HOMES.some((home) => f.startsWith(home)))
      .filter((f) => REDIS_CALL.test(readFileSync(join(SRC, f), 'utf8')));
    expect(callers).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself can fail)', () => {
    const graph = new Map([
      ['a', new Map([['b', ['a/x.ts']]])],
      ['b', new Map([['a', ['b/y.ts']]])],
    ]);
    expect(folderCycles(graph)).toHaveLength(1);
  });
});
