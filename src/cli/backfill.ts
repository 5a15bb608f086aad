import type { Command } from 'commander';
import type { Catalog } from '../i18n/messages.js';
import { runPollNow } from './run-poll.js';
import { complain, EXIT, say } from './output.js';
import { simulatorMissing } from './simulator-reach.js';
import { cliText } from './text.js';
import { withRuntime } from './with-runtime.js';

export function registerBackfill(program: Command, text: Catalog): void {
  const h = text.help.backfill;
  program
    .command('backfill')
    .description(h.description)
    .requiredOption('-s, --source <name>', text.help.common.source)
    .requiredOption('--since <date>', h.since)
    .option('--restart', h.restart)
    .action((opts: { source: string; since: string; restart?: boolean }) =>
      withRuntime(program, async (ctx) => {
        const t = cliText(ctx.runtime.config).cli;
        const since = new Date(opts.since);
        if (Number.isNaN(since.getTime())) {
          complain(`lapor-bridge: ${t.backfill.badSince(opts.since)}`);
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
        } else say(t.backfill.resuming(opts.source));
        const result = await runPollNow(ctx, opts.source, 'backfill', true);
        // Only a finished backfill forgets its position; an interrupted one resumes next time.
        if (result.outcome === 'done') await store.cursors.reset(opts.source, 'backfill');
        const outcome = t.sync.outcomes[result.outcome] ?? result.outcome;
        say(t.backfill.done(opts.source, opts.since, outcome, result.pages, result.records, result.invalid));
      }),
    );
}
