import { InvalidArgumentError } from 'commander';
import type { Catalog } from '../i18n/messages.js';
import { complain, EXIT } from './output.js';

type Errors = Catalog['help']['errors'];

/** Option parsers shared by commands: commander shows their message next to the flag. */
export function integer(t: Errors, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(t.integer(min, max));
    return n;
  };
}

export function oneOf<T extends string>(t: Errors, ...allowed: T[]) {
  return (value: string): T => {
    if (!(allowed as string[]).includes(value)) throw new InvalidArgumentError(t.oneOf(allowed.join(', ')));
    return value as T;
  };
}

export const FAULTS_EXAMPLE = '{"maintenance":{"forSeconds":60}}';

/** A sandbox's --faults JSON, or exit 2 with an example; its content is checked by the sandbox's fault controller. */
export function faultsOrExit(text: string | undefined, t: Catalog['cli']['options']): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    complain(`lapor-bridge: ${t.faultsJson(FAULTS_EXAMPLE)}`);
    process.exit(EXIT.config);
  }
}
