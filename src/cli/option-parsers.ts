import { InvalidArgumentError } from 'commander';
import { complain, EXIT } from './output.js';

/** Option parsers shared by commands: commander shows their message next to the flag. */
export function integer(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`);
    return n;
  };
}

export function oneOf<T extends string>(...allowed: T[]) {
  return (value: string): T => {
    if (!(allowed as string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}`);
    return value as T;
  };
}

/** A sandbox's --faults JSON, or exit 2 with an example; its content is checked by the sandbox's fault controller. */
export function faultsOrExit(text: string | undefined): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    complain('lapor-bridge: --faults must be JSON, e.g. \'{"maintenance":{"forSeconds":60}}\'');
    process.exit(EXIT.config);
  }
}
