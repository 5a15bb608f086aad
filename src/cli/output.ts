/** The CLI's own words to the operator (not operational logs, which go through pino). */
export function say(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/**
 * Resolves once what was written to stdout and stderr has left the process: `process.exit`
 * does not wait, and a pipe takes 64 KiB at a time (`lapor-bridge … --json | jq` got the first 64 KiB).
 */
export async function flushOutput(): Promise<void> {
  await Promise.all(
    [process.stdout, process.stderr].map((s) => new Promise<void>((done) => s.write('', () => done()))),
  );
}

export function complain(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failure: 1, config: 2, interrupted: 130 } as const;
