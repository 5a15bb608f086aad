import type { Command } from 'commander';
import type { Catalog } from '../i18n/messages.js';
import { dropDeadLetter, retryDeadLetter } from '../queue/dead-letters.js';
import { shownTime, table } from './format.js';
import { complain, EXIT, say } from './output.js';
import { withRuntime } from './with-runtime.js';
import { actingOption, actingUser } from './acting-user.js';
import { cliText } from './text.js';

export function registerDlq(program: Command, text: Catalog): void {
  const h = text.help.dlq;
  const dlq = program.command('dlq').description(h.description);

  dlq
    .command('list')
    .description(h.list)
    .option('-n, --limit <n>', text.help.common.limit, '50')
    .action((opts: { limit: string }) =>
      withRuntime(program, async ({ runtime }) => {
        const t = cliText(runtime.config).cli;
        const c = t.dlq.columns;
        const letters = await runtime.store.deadLetters.list(Number(opts.limit));
        say(
          table(
            letters.map(([key, d]) => ({
              [c.key]: key,
              [c.queue]: d.queue,
              [c.code]: d.code,
              [c.attempts]: d.attempts,
              [c.failedAt]: shownTime(d.failedAt, runtime.config.instance.timezone),
              [c.earlier]: d.history.length,
              [c.reason]: d.reason,
            })),
            t.none,
          ),
        );
      }),
    );

  // Sending work again or forgetting it is an operator's action (role "operate"), audited in the account's name.
  actingOption(dlq.command('retry <key>').description(h.retry), text).action((key: string, opts: { as?: string }) =>
    withRuntime(program, async ({ runtime }) => {
      const t = cliText(runtime.config).cli;
      const user = await actingUser(runtime.accounts, opts.as, t.acting, 'operate');
      say(t.dlq.requeued(await retryDeadLetter(runtime.store, runtime.queues, key, `user:${user.username}`)));
    }),
  );

  actingOption(dlq.command('drop <key>').description(h.drop), text).action((key: string, opts: { as?: string }) =>
    withRuntime(program, async ({ runtime }) => {
      const t = cliText(runtime.config).cli;
      const user = await actingUser(runtime.accounts, opts.as, t.acting, 'operate');
      if (await dropDeadLetter(runtime.store, key, `user:${user.username}`)) return say(t.dlq.dropped(key));
      complain(`lapor-bridge: ${t.dlq.unknown(key)}`);
      return EXIT.failure;
    }),
  );
}
