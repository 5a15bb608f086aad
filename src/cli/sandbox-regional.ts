import type { Command } from 'commander';
import type { Catalog } from '../i18n/messages.js';
import { REGIONAL_SYSTEMS, startRegionalSandbox, type RegionalSystemName } from '../sandbox/regional/index.js';
import { complain, EXIT, say } from './output.js';
import { FAULTS_EXAMPLE, faultsOrExit, integer } from './option-parsers.js';

interface Options {
  port: number;
  host: string;
  seed: number;
  count: number;
  faults?: string;
  open311MaxResults: number;
}

const PRESET_OF: Record<RegionalSystemName, string> = {
  wa: 'wa-desk.yaml',
  superapp: 'superapp.yaml',
  bupati: 'bupati-app.yaml',
  open311: 'open311.yaml',
};

export function registerSandboxRegional(sandbox: Command, text: Catalog): void {
  const h = text.help.sandbox;
  const e = text.help.errors;
  sandbox
    .command('regional')
    .description(h.regional)
    .option('--port <n>', h.regionalPort, integer(e, 0, 65535), 4610)
    .option('--host <address>', text.help.common.host, '127.0.0.1')
    .option('--seed <n>', h.regionalSeed, integer(e, 0, 2 ** 31), 42)
    .option('--count <n>', h.count, integer(e, 0, 100_000), 40)
    .option('--faults <json>', text.help.common.faults('{"serverError":{"rate":0.1}}'))
    .option('--open311-max-results <n>', h.open311MaxResults, integer(e, 1, 10_000), 1000)
    .action(async (opts: Options) => {
      const t = text.cli.sandbox;
      const faults = faultsOrExit(opts.faults, text.cli.options);
      let sb;
      try {
        sb = await startRegionalSandbox({
          port: opts.port,
          host: opts.host,
          seed: opts.seed,
          counts: Object.fromEntries(REGIONAL_SYSTEMS.map((s) => [s, opts.count])),
          faults: faults as never,
          open311MaxResults: opts.open311MaxResults,
        });
      } catch (err) {
        complain(`lapor-bridge: ${t.cannotStart(t.regionalName, (err as Error).message)}`);
        process.exit(EXIT.failure);
      }
      const running = sb;
      say(t.regionalListening(running.url, opts.seed, opts.count));
      for (const system of REGIONAL_SYSTEMS) {
        say(`\n${system}: ${running.baseUrls[system]}   preset config/presets/${PRESET_OF[system]}`);
        for (const [name, value] of Object.entries(running.env[system])) say(`  export ${name}='${value}'`);
      }
      say(`\n${t.try}`);
      say(
        `  curl -H 'Authorization: Bearer ${running.credentials.wa.token}' '${running.baseUrls.wa}/api/reports?limit=2'`,
      );
      say(`  curl '${running.baseUrls.open311}/requests.json'`);
      say(`  curl ${running.url}/public/complaints`);
      say(`  curl ${running.url}/_sandbox/state`);
      say(`  curl -X POST ${running.url}/_sandbox/faults -H 'Content-Type: application/json' -d '${FAULTS_EXAMPLE}'`);
      say(`  lapor-bridge --config config/presets/${PRESET_OF.wa} validate-config   ${t.withExports}`);

      const stop = (): void => {
        void running.close().then(() => process.exit(EXIT.ok));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
