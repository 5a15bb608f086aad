import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logging/logger.js';

/**
 * The keys a JSON object line names more than once at its top level (a field a child logger
 * binds and a call repeats): JSON.parse keeps the last without a word, log stores may refuse it.
 */
export function repeatedKeys(line: string): string[] {
  const seen = new Set<string>();
  const repeated: string[] = [];
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') {
      let end = i + 1;
      while (line[end] !== '"') end += line[end] === '\\' ? 2 : 1;
      if (depth === 1 && expectKey) {
        const key = JSON.parse(line.slice(i, end + 1)) as string;
        if (seen.has(key)) repeated.push(key);
        seen.add(key);
        expectKey = false;
      }
      i = end;
    } else if (ch === '{' || ch === '[') {
      depth += 1;
      expectKey = ch === '{' && depth === 1;
    } else if (ch === '}' || ch === ']') depth -= 1;
    else if (ch === ',' && depth === 1) expectKey = true;
  }
  return repeated;
}

/** A real project logger whose JSON lines are captured for assertions; a line that names a field twice fails them. */
export function captureLogger(level: 'info' | 'debug' | 'trace' | 'warn' = 'debug'): {
  logger: Logger;
  lines: () => Record<string, unknown>[];
  text: () => string;
} {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createLogger({ level, pretty: 'never' }, stream);
  const text = () => chunks.join('');
  return {
    logger,
    text,
    lines: () =>
      text()
        .split('\n')
        .filter(Boolean)
        .map((l) => {
          const repeated = repeatedKeys(l);
          if (repeated.length > 0) throw new Error(`log line names ${repeated.join(', ')} twice: ${l}`);
          return JSON.parse(l) as Record<string, unknown>;
        }),
  };
}
