import type { Command } from 'commander';
import type { Catalog } from '../i18n/messages.js';
import { createLogger } from '../logging/logger.js';
import { PortInUseError } from '../http/server.js';
import { startDaemon } from '../main.js';
import { RedisUnavailableError } from '../redis/embedded.js';
import { loadOrExit } from './load-or-exit.js';
import { complain, EXIT } from './output.js';

/** Errors that say what to do in the operator's language: no stack trace needed. */
function explained(err: unknown, text: Catalog): string | undefined {
  return err instanceof RedisUnavailableError || err instanceof PortInUseError ? err.explain(text) : undefined;
}

export function registerStart(program: Command, text: Catalog): void {
  program
    .command('start')
    .description(text.help.start)
    .action(async () => {
      const loaded = loadOrExit(program.opts<{ config?: string }>().config);
      const logger = createLogger(loaded.config.logging);

      process.on('unhandledRejection', (reason) => {
        logger.fatal({ err: reason }, 'unhandled promise rejection; exiting');
        process.exit(EXIT.failure);
      });

      // Handlers come first: a SIGTERM while the daemon is still starting (HTTP may already
      // answer) waits for the start to finish and then stops it in order, instead of killing it.
      let running: Awaited<ReturnType<typeof startDaemon>> | undefined;
      let pending: NodeJS.Signals | undefined;
      const onSignal = (signal: NodeJS.Signals): void => {
        if (!running || running.isStopping()) {
          if (pending || running) {
            logger.warn({ signal }, 'second signal: forcing exit');
            process.exit(EXIT.interrupted);
          }
          pending = signal;
          logger.info({ signal }, 'signal while starting; stopping as soon as the start completes');
          return;
        }
        const daemon = running;
        logger.info({ signal, timeoutMs: loaded.config.shutdown.timeoutMs }, 'shutting down');
        void daemon.stop().then((report) => {
          logger.info({ ok: report.ok, steps: report.steps }, 'stopped');
          process.exit(report.ok ? EXIT.ok : EXIT.failure);
        });
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);

      try {
        running = await startDaemon(loaded, logger);
      } catch (err) {
        const explanation = explained(err, text);
        if (explanation) {
          complain(`lapor-bridge: ${explanation}`);
        } else {
          logger.fatal({ err }, 'failed to start');
        }
        process.exit(EXIT.failure);
      }
      if (pending) onSignal(pending);
    });
}
