import type { Command } from 'commander';
import { registerSandboxLapor } from './sandbox-lapor.js';
import { registerSandboxRegional } from './sandbox-regional.js';

/**
 * `lapor-bridge sandbox <system>`: simulators of the external systems for demos, tests and
 * benchmarks. Each system registers its own subcommand here.
 */
export function registerSandbox(program: Command): Command {
  const sandbox = program
    .command('sandbox')
    .description('run a simulator of an external system (for demos and tests; never a real one)');
  registerSandboxLapor(sandbox);
  registerSandboxRegional(sandbox);
  return sandbox;
}
