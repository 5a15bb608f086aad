import type { Command } from 'commander';
import type { Config } from '../config/schema.js';
import { createConnector } from '../connectors/registry.js';
import { systemClock } from '../domain/clock.js';
import { createLogger } from '../logging/logger.js';
import { loadOrExit } from './load-or-exit.js';
import { complain, EXIT, say } from './output.js';
import { simulatorMissing } from './simulator-reach.js';

/** A source by name, or by kind when exactly one source has that kind ("check lapor"). */
export function pickSource(
  sources: Config['sources'],
  wanted: string | undefined,
): { name: string; source: Config['sources'][string] } | string {
  const entries = Object.entries(sources);
  const known = entries.map(([n, s]) => `${n} (${s.kind})`).join(', ') || 'none';
  if (wanted === undefined) {
    const enabled = entries.filter(([, s]) => s.enabled);
    if (enabled.length === 1) return { name: enabled[0]![0], source: enabled[0]![1] };
    return `name the source to check (configured: ${known})`;
  }
  const byName = sources[wanted];
  if (byName) return { name: wanted, source: byName };
  const byKind = entries.filter(([, s]) => s.kind === wanted);
  if (byKind.length === 1) return { name: byKind[0]![0], source: byKind[0]![1] };
  if (byKind.length > 1)
    return `${byKind.length} sources have kind "${wanted}"; name one of: ${byKind.map(([n]) => n).join(', ')}`;
  return `no source named "${wanted}" in the configuration (configured: ${known}); add it under sources.${wanted} or pass --config`;
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .argument('[source]', 'source name (or kind, when only one source has it)')
    .option('-s, --source <name>', 'the same, as an option')
    .description(
      'connect to a configured source and say what works: authentication, topics, report list (exit 1 when something fails)',
    )
    .action(async (arg: string | undefined, opts: { source?: string }) => {
      const loaded = loadOrExit(program.opts<{ config?: string }>().config);
      const picked = pickSource(loaded.config.sources, opts.source ?? arg);
      if (typeof picked === 'string') {
        complain(`lapor-bridge: ${picked}`);
        process.exitCode = EXIT.config;
        return;
      }
      const { name, source } = picked;
      const missing = await simulatorMissing(loaded, name);
      if (missing) {
        complain(`lapor-bridge: ${missing}`);
        process.exitCode = EXIT.failure;
        return;
      }
      const logger = createLogger({ ...loaded.config.logging, level: 'warn' });
      let connector;
      try {
        connector = createConnector(source, {
          name,
          logger,
          clock: systemClock,
          // The daemon's secrets: the environment, or the sandbox credential for a simulated source.
          secret: (variable) => loaded.secret(variable),
        });
      } catch (err) {
        complain(`lapor-bridge: source "${name}" cannot start: ${(err as Error).message}`);
        process.exitCode = EXIT.failure;
        return;
      }
      say(
        `checking source "${name}" (kind ${source.kind})${source.enabled ? '' : ' — note: it is disabled in the configuration'}`,
      );
      try {
        const results = await connector.health();
        for (const r of results) say(`  ${r.ok ? 'ok  ' : 'FAIL'}  ${r.check.padEnd(8)} ${r.detail}`);
        const failed = results.filter((r) => !r.ok).length;
        say(failed === 0 ? `source "${name}" works` : `source "${name}": ${failed} of ${results.length} checks failed`);
        process.exitCode = failed === 0 ? EXIT.ok : EXIT.failure;
      } catch (err) {
        complain(`lapor-bridge: the check of "${name}" failed: ${(err as Error).message}`);
        process.exitCode = EXIT.failure;
      } finally {
        await connector.close();
      }
    });
}
