/** The CLI's own words to the operator (not operational logs, which go through pino). */
export function say(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function complain(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failure: 1, config: 2, interrupted: 130 } as const;
