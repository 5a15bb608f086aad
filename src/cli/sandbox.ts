import type { Command } from 'commander';
import type { Catalog } from '../i18n/messages.js';
import { registerSandboxLapor } from './sandbox-lapor.js';
import { registerSandboxRegional } from './sandbox-regional.js';

/**
 * `lapor-bridge sandbox <system>`: simulators of the external systems for demos, tests and
 * benchmarks. Each system registers its own subcommand here.
 */
export function registerSandbox(program: Command, text: Catalog): Command {
  const sandbox = program.command('sandbox').description(text.help.sandbox.description);
  registerSandboxLapor(sandbox, text);
  registerSandboxRegional(sandbox, text);
  return sandbox;
}
