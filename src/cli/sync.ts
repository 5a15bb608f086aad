import type { Command } from 'commander';
import { runPollNow } from './run-poll.js';
import { complain, EXIT, say } from './output.js';
import { simulatorMissing } from './simulator-reach.js';
import { withRuntime } from './with-runtime.js';

export function registerSync(program: Command): void {
  program
    .command('sync')
    .description('poll one source now (from its saved cursor) and ingest what it returns')
    .requiredOption('-s, --source <name>', 'source name from the configuration')
    .action((opts: { source: string }) =>
      withRuntime(program, async (ctx) => {
        // Before the poll: a simulator that is not running is not the source's failure.
        const missing = await simulatorMissing(ctx.loaded, opts.source);
        if (missing) {
          complain(`lapor-bridge: ${missing}`);
          return EXIT.failure;
        }
        const before = await ctx.runtime.store.ledger.count();
        const result = await runPollNow(ctx, opts.source, 'live', true);
        const after = await ctx.runtime.store.ledger.count();
        say(
          `${opts.source}: ${result.outcome}; ${result.pages} pages, ${result.records} records (${after - before} new complaints), ${result.invalid} quarantined`,
        );
      }),
    );
}
