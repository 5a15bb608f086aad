import type { Command } from 'commander';
import type { Config } from '../config/schema.js';
import { messages, type Catalog } from '../i18n/messages.js';
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
  t: Catalog['cli']['check'],
): { name: string; source: Config['sources'][string] } | string {
  const entries = Object.entries(sources);
  const known = entries.map(([n, s]) => `${n} (${s.kind})`).join(', ') || t.noneConfigured;
  if (wanted === undefined) {
    const enabled = entries.filter(([, s]) => s.enabled);
    if (enabled.length === 1) return { name: enabled[0]![0], source: enabled[0]![1] };
    return t.nameOne(known);
  }
  const byName = sources[wanted];
  if (byName) return { name: wanted, source: byName };
  const byKind = entries.filter(([, s]) => s.kind === wanted);
  if (byKind.length === 1) return { name: byKind[0]![0], source: byKind[0]![1] };
  if (byKind.length > 1) return t.sameKind(byKind.length, wanted, byKind.map(([n]) => n).join(', '));
  return t.unknown(wanted, known);
}

export function registerCheck(program: Command, text: Catalog): void {
  const h = text.help.check;
  program
    .command('check')
    .argument('[source]', h.source)
    .option('-s, --source <name>', h.sourceOption)
    .description(h.description)
    .action(async (arg: string | undefined, opts: { source?: string }) => {
      const loaded = loadOrExit(program.opts<{ config?: string }>().config);
      const t = messages(loaded.language).cli.check;
      const picked = pickSource(loaded.config.sources, opts.source ?? arg, t);
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
        complain(`lapor-bridge: ${t.cannotStart(name, (err as Error).message)}`);
        process.exitCode = EXIT.failure;
        return;
      }
      say(t.checking(name, source.kind, !source.enabled));
      try {
        const results = await connector.health();
        const width = Math.max(t.ok.length, t.fail.length);
        for (const r of results) say(`  ${(r.ok ? t.ok : t.fail).padEnd(width)}  ${r.check.padEnd(8)} ${r.detail}`);
        const failed = results.filter((r) => !r.ok).length;
        say(failed === 0 ? t.works(name) : t.failed(name, failed, results.length));
        process.exitCode = failed === 0 ? EXIT.ok : EXIT.failure;
      } catch (err) {
        complain(`lapor-bridge: ${t.crashed(name, (err as Error).message)}`);
        process.exitCode = EXIT.failure;
      } finally {
        await connector.close();
      }
    });
}
