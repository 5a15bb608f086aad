import type { Command } from 'commander';
import type { Catalog } from '../i18n/messages.js';
import { runPollNow } from './run-poll.js';
import { complain, EXIT, say } from './output.js';
import { simulatorMissing } from './simulator-reach.js';
import { cliText } from './text.js';
import { withRuntime } from './with-runtime.js';

export function registerSync(program: Command, text: Catalog): void {
  program
    .command('sync')
    .description(text.help.sync)
    .requiredOption('-s, --source <name>', text.help.common.source)
    .action((opts: { source: string }) =>
      withRuntime(program, async (ctx) => {
        // Before the poll: a simulator that is not running is not the source's failure.
        const missing = await simulatorMissing(ctx.loaded, opts.source);
        if (missing) {
          complain(`lapor-bridge: ${missing}`);
          return EXIT.failure;
        }
        const t = cliText(ctx.runtime.config).cli.sync;
        const before = await ctx.runtime.store.ledger.count();
        const result = await runPollNow(ctx, opts.source, 'live', true);
        const after = await ctx.runtime.store.ledger.count();
        const outcome = t.outcomes[result.outcome] ?? result.outcome;
        say(t.done(opts.source, outcome, result.pages, result.records, after - before, result.invalid));
      }),
    );
}
