import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logging/logger.js';

/** A real project logger whose JSON lines are captured for assertions. */
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
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
