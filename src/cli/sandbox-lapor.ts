import type { Command } from 'commander';
import { z } from 'zod';
import type { Catalog } from '../i18n/messages.js';
import { createLogger } from '../logging/logger.js';
import { startLaporSandbox } from '../sandbox/lapor/index.js';
import type { FaultPatch } from '../sandbox/shared/fault-settings.js';
import { complain, EXIT, say } from './output.js';
import { FAULTS_EXAMPLE, faultsOrExit, integer, oneOf } from './option-parsers.js';

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

export function registerSandboxLapor(sandbox: Command, text: Catalog): void {
  const h = text.help.sandbox;
  const e = text.help.errors;
  sandbox
    .command('lapor')
    .description(h.lapor)
    .option('--port <n>', text.help.common.port, integer(e, 0, 65535), 8091)
    .option('--host <address>', text.help.common.host, '127.0.0.1')
    .option('--seed <n>', h.laporSeed, integer(e, 0, 2 ** 31), 42)
    .option('--reports <n>', h.reports, integer(e, 0, 200_000), 200)
    .option('--token <token>', h.token)
    .option('--profile <name>', h.profile, oneOf(e, 'default', 'legacy'), 'default')
    .option('--auth <style>', h.auth, oneOf(e, 'header', 'bearer', 'keytoken'))
    .option('--faults <json>', text.help.common.faults('{"rateLimit":{"rate":0.1}}'))
    .option('--log-level <level>', h.logLevel, oneOf(e, 'info', 'debug', 'warn'), 'info')
    .action(async (opts: Options) => {
      const t = text.cli.sandbox;
      const faults = faultsOrExit(opts.faults, text.cli.options) as FaultPatch | undefined;
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
        complain(`lapor-bridge: ${t.cannotStart(t.laporName, why)}`);
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
      const label = (name: string) => `  ${name.padEnd(9)} `;
      say(t.laporListening(opts.profile, running.url));
      say(`${label(t.labels.instansi)}${running.instansiId}`);
      say(`${label(t.labels.token)}${running.token}   (${t.tokenWhere[style] ?? style})`);
      say(`${label(t.labels.reports)}${t.reports(state.reports.total, opts.seed, state.reports.visibleToInstansi)}`);
      say(t.try);
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
      say(`  curl -X POST ${running.url}/_sandbox/faults -d '${FAULTS_EXAMPLE}'`);
      say(t.connector(running.token));

      const stop = (): void => {
        void running.close().then(() => process.exit(EXIT.ok));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
