import type { Command } from 'commander';
import { runPollNow } from './run-poll.js';
import { complain, EXIT, say } from './output.js';
import { simulatorMissing } from './simulator-reach.js';
import { withRuntime } from './with-runtime.js';

export function registerBackfill(program: Command): void {
  program
    .command('backfill')
    .description("import a source's history since a date, with progress; resumable (run again to continue)")
    .requiredOption('-s, --source <name>', 'source name from the configuration')
    .requiredOption('--since <date>', 'first day to import, e.g. 2024-01-01')
    .option('--restart', 'ignore a saved backfill position and start again from --since')
    .action((opts: { source: string; since: string; restart?: boolean }) =>
      withRuntime(program, async (ctx) => {
        const since = new Date(opts.since);
        if (Number.isNaN(since.getTime())) {
          complain(`lapor-bridge: --since "${opts.since}" is not a date; use YYYY-MM-DD`);
          return EXIT.config;
        }
        // Before the poll: a simulator that is not running is not the source's failure.
        const missing = await simulatorMissing(ctx.loaded, opts.source);
        if (missing) {
          complain(`lapor-bridge: ${missing}`);
          return EXIT.failure;
        }
        const { store, pollDeps } = ctx.runtime;
        const saved = await store.cursors.get(opts.source, 'backfill');
        if (!saved || opts.restart) {
          const start = pollDeps.connector(opts.source).cursorSince(since);
          if (start === null) await store.cursors.reset(opts.source, 'backfill');
          else await store.cursors.set(opts.source, 'backfill', start);
        } else say(`resuming the backfill of ${opts.source} from its saved position (use --restart to start again)`);
        const result = await runPollNow(ctx, opts.source, 'backfill', true);
        // Only a finished backfill forgets its position; an interrupted one resumes next time.
        if (result.outcome === 'done') await store.cursors.reset(opts.source, 'backfill');
        say(
          `${opts.source} backfill since ${opts.since}: ${result.outcome}; ${result.pages} pages, ${result.records} records, ${result.invalid} quarantined`,
        );
      }),
    );
}
