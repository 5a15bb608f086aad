import type { Command } from 'commander';
import { runPollNow } from './run-poll.js';
import { say } from './output.js';
import { withRuntime } from './with-runtime.js';

export function registerSync(program: Command): void {
  program
    .command('sync')
    .description('poll one source now (from its saved cursor) and ingest what it returns')
    .requiredOption('-s, --source <name>', 'source name from the configuration')
    .action((opts: { source: string }) =>
      withRuntime(program, async (ctx) => {
        const before = await ctx.runtime.store.ledger.count();
        const result = await runPollNow(ctx, opts.source, 'live', true);
        const after = await ctx.runtime.store.ledger.count();
        say(
          `${opts.source}: ${result.outcome}; ${result.pages} pages, ${result.records} records (${after - before} new complaints), ${result.invalid} quarantined`,
        );
      }),
    );
}
