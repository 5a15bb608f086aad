import type { Command } from 'commander';
import { z } from 'zod';
import { createLogger } from '../logging/logger.js';
import { startLaporSandbox } from '../sandbox/lapor/index.js';
import type { FaultPatch } from '../sandbox/shared/fault-settings.js';
import { complain, EXIT, say } from './output.js';
import { faultsOrExit, integer, oneOf } from './option-parsers.js';

interface Options {
  port: number;
  host: string;
  seed: number;
  reports: number;
  token?: string;
  profile: 'default' | 'legacy';
  auth?: 'header' | 'bearer' | 'keytoken';
  faults?: string;
  logLevel: 'info' | 'debug' | 'warn';
}

function curlAuth(style: string, token: string): { header: string; query: string } {
  if (style === 'bearer') return { header: `-H 'Authorization: Bearer ${token}' `, query: '' };
  if (style === 'keytoken') return { header: '', query: `KEYTOKEN=${token}` };
  return { header: `-H 'X-Lapor-Token: ${token}' `, query: '' };
}

export function registerSandboxLapor(sandbox: Command): void {
  sandbox
    .command('lapor')
    .description(
      'a SP4N-LAPOR! simulator implementing the documented default contract (src/connectors/lapor/readme.md)',
    )
    .option('--port <n>', 'port to listen on (0 picks a free one)', integer(0, 65535), 8091)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--seed <n>', 'seed for generated reports and fault draws', integer(0, 2 ** 31), 42)
    .option('--reports <n>', 'how many reports to seed', integer(0, 200_000), 200)
    .option('--token <token>', 'token to accept (default: a random one, printed at start)')
    .option(
      '--profile <name>',
      'default | legacy (/api/services/f01/ with KEYTOKEN)',
      oneOf('default', 'legacy'),
      'default',
    )
    .option(
      '--auth <style>',
      "where the token goes: header | bearer | keytoken (default: the profile's)",
      oneOf('header', 'bearer', 'keytoken'),
    )
    .option('--faults <json>', 'faults switched on at start, e.g. \'{"rateLimit":{"rate":0.1}}\'')
    .option('--log-level <level>', 'info | debug (every request) | warn', oneOf('info', 'debug', 'warn'), 'info')
    .action(async (opts: Options) => {
      const faults = faultsOrExit(opts.faults) as FaultPatch | undefined;
      const logger = createLogger({ level: opts.logLevel, pretty: 'auto' });
      let sb;
      try {
        sb = await startLaporSandbox({
          port: opts.port,
          host: opts.host,
          seed: opts.seed,
          reports: opts.reports,
          token: opts.token,
          profile: opts.profile,
          auth: opts.auth ? { style: opts.auth } : undefined,
          faults,
          logger,
        });
      } catch (err) {
        const why =
          err instanceof z.ZodError ? `--faults: ${z.prettifyError(err).replace(/\n/g, ' ')}` : (err as Error).message;
        complain(`lapor-bridge: the LAPOR sandbox could not start: ${why}`);
        process.exit(EXIT.failure);
      }
      const running = sb;
      const state = running.state() as { reports: { total: number; visibleToInstansi: number } };
      const style = opts.auth ?? (opts.profile === 'legacy' ? 'keytoken' : 'header');
      const { header, query } = curlAuth(style, running.token);
      const listPath =
        opts.profile === 'legacy'
          ? '/api/services/f01/getlaporan'
          : `/api/v1/instansi/${running.instansiId}/laporan?limit=5${query ? `&${query}` : ''}`;
      say(`LAPOR sandbox (${opts.profile} contract) listening on ${running.url}`);
      say(`  instansi  ${running.instansiId}`);
      say(
        `  token     ${running.token}   (${style === 'header' ? 'header X-Lapor-Token' : style === 'bearer' ? 'Authorization: Bearer' : 'KEYTOKEN parameter'})`,
      );
      say(
        `  reports   ${state.reports.total} seeded from seed ${opts.seed}, ${state.reports.visibleToInstansi} disposed to the instansi`,
      );
      say('try:');
      if (opts.profile === 'legacy') {
        say(`  curl -X POST -d 'KEYTOKEN=${running.token}' ${running.url}/api/services/f01/gettopics`);
        say(
          `  curl -X POST -d 'KEYTOKEN=${running.token}&instansi_id=${running.instansiId}&limit=5' ${running.url}${listPath}`,
        );
      } else {
        say(`  curl ${header}'${running.url}/api/v1/topics${query ? `?${query}` : ''}'`);
        say(`  curl ${header}'${running.url}${listPath}'`);
      }
      say(`  curl ${running.url}/public/laporan`);
      say(`  curl ${running.url}/_sandbox/state`);
      say(`  curl -X POST ${running.url}/_sandbox/faults -d '{"maintenance":{"forSeconds":60}}'`);
      say(
        `connector: export LAPOR_TOKEN=${running.token}   (then: lapor-bridge --config config/examples/lapor.yaml check lapor)`,
      );

      const stop = (): void => {
        void running.close().then(() => process.exit(EXIT.ok));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
