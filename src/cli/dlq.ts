import type { Command } from 'commander';
import { dropDeadLetter, retryDeadLetter } from '../queue/dead-letters.js';
import { shownTime, table } from './format.js';
import { complain, EXIT, say } from './output.js';
import { withRuntime } from './with-runtime.js';
import { actingOption, actingUser } from './acting-user.js';
import { cliText } from './text.js';

export function registerDlq(program: Command): void {
  const dlq = program.command('dlq').description('jobs that failed for good, with their reason');

  dlq
    .command('list')
    .option('-n, --limit <n>', 'at most this many', '50')
    .action((opts: { limit: string }) =>
      withRuntime(program, async ({ runtime }) => {
        const letters = await runtime.store.deadLetters.list(Number(opts.limit));
        say(
          table(
            letters.map(([key, d]) => ({
              key,
              queue: d.queue,
              code: d.code,
              attempts: d.attempts,
              'failed at': shownTime(d.failedAt, runtime.config.instance.timezone),
              earlier: d.history.length,
              reason: d.reason,
            })),
          ),
        );
      }),
    );

  // Sending work again or forgetting it is an operator's action (role "operate"), audited in the account's name.
  actingOption(
    dlq.command('retry <key>').description('send the work again; its failure history is kept until it succeeds'),
  ).action((key: string, opts: { as?: string }) =>
    withRuntime(program, async ({ runtime }) => {
      const user = await actingUser(runtime.accounts, opts.as, cliText(runtime.config).cli.acting, 'operate');
      say(`requeued as job ${await retryDeadLetter(runtime.store, runtime.queues, key, `user:${user.username}`)}`);
    }),
  );

  actingOption(dlq.command('drop <key>').description('forget a dead letter (recorded in the audit stream)')).action(
    (key: string, opts: { as?: string }) =>
      withRuntime(program, async ({ runtime }) => {
        const user = await actingUser(runtime.accounts, opts.as, cliText(runtime.config).cli.acting, 'operate');
        if (await dropDeadLetter(runtime.store, key, `user:${user.username}`)) return say(`dropped ${key}`);
        complain(`lapor-bridge: no dead letter "${key}"`);
        return EXIT.failure;
      }),
  );
}
