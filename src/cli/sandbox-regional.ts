import type { Command } from 'commander';
import { REGIONAL_SYSTEMS, startRegionalSandbox, type RegionalSystemName } from '../sandbox/regional/index.js';
import { complain, EXIT, say } from './output.js';
import { faultsOrExit, integer } from './option-parsers.js';

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

export function registerSandboxRegional(sandbox: Command): void {
  sandbox
    .command('regional')
    .description(
      'simulators of the regional systems: WhatsApp desk, provincial super-app, Bupati + OPD app, Open311 (src/sandbox/regional/readme.md)',
    )
    .option(
      '--port <n>',
      'port to listen on (0 picks a free one); the presets in config/presets point at 4610',
      integer(0, 65535),
      4610,
    )
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--seed <n>', 'seed for generated complaints, credentials and fault draws', integer(0, 2 ** 31), 42)
    .option('--count <n>', 'complaints to seed in each system', integer(0, 100_000), 40)
    .option('--faults <json>', 'faults switched on at start, e.g. \'{"serverError":{"rate":0.1}}\'')
    .option(
      '--open311-max-results <n>',
      'results per Open311 answer before the server cuts off',
      integer(1, 10_000),
      1000,
    )
    .action(async (opts: Options) => {
      const faults = faultsOrExit(opts.faults);
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
        complain(`lapor-bridge: the regional sandbox could not start: ${(err as Error).message}`);
        process.exit(EXIT.failure);
      }
      const running = sb;
      say(`regional sandbox listening on ${running.url} (seed ${opts.seed}, ${opts.count} complaints per system)`);
      for (const system of REGIONAL_SYSTEMS) {
        say(`\n${system}: ${running.baseUrls[system]}   preset config/presets/${PRESET_OF[system]}`);
        for (const [name, value] of Object.entries(running.env[system])) say(`  export ${name}='${value}'`);
      }
      say('\ntry:');
      say(
        `  curl -H 'Authorization: Bearer ${running.credentials.wa.token}' '${running.baseUrls.wa}/api/reports?limit=2'`,
      );
      say(`  curl '${running.baseUrls.open311}/requests.json'`);
      say(`  curl ${running.url}/public/complaints`);
      say(`  curl ${running.url}/_sandbox/state`);
      say(
        `  curl -X POST ${running.url}/_sandbox/faults -H 'Content-Type: application/json' -d '{"maintenance":{"forSeconds":60}}'`,
      );
      say(`  lapor-bridge --config config/presets/${PRESET_OF.wa} validate-config   (with the wa exports above)`);

      const stop = (): void => {
        void running.close().then(() => process.exit(EXIT.ok));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
