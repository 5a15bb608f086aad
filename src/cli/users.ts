import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { AccountError } from '../accounts/errors.js';
import { randomSecret } from '../accounts/secret-token.js';
import type { Catalog } from '../i18n/messages.js';
import { shownTime, table } from './format.js';
import { complain, EXIT, say } from './output.js';
import { cliText } from './text.js';
import { withRuntime, type CommandContext } from './with-runtime.js';

/** Who ran the command, for the audit: the operating-system account. */
function operator(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/** A password never goes on the command line (it would show in `ps`): read from stdin, or made up and shown once. */
async function passwordFromStdin(): Promise<{ password: string; generated: boolean }> {
  if (process.stdin.isTTY) return { password: randomSecret(15), generated: true };
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  return password ? { password, generated: false } : { password: randomSecret(15), generated: true };
}

async function accountAction(
  { runtime }: CommandContext,
  run: (text: Catalog['users']) => Promise<void>,
): Promise<number | void> {
  const text = cliText(runtime.config).users;
  try {
    await run(text);
  } catch (err) {
    if (!(err instanceof AccountError)) throw err;
    complain(`lapor-bridge: ${text.error(err)}`);
    return EXIT.failure;
  }
}

export function registerUsers(program: Command, catalog: Catalog): void {
  const h = catalog.help.users;
  const users = program.command('users').description(h.description);

  users
    .command('add <username>')
    .description(h.add)
    .requiredOption('--role <role>', h.role)
    .option('--opd <opd>', h.opd)
    .option('--name <display name>', h.name)
    .action((username: string, opts: { role: string; opd?: string; name?: string }) =>
      withRuntime(program, async (ctx) =>
        accountAction(ctx, async (text) => {
          const { runtime } = ctx;
          const { password, generated } = await passwordFromStdin();
          const user = await runtime.accounts.add(
            {
              username,
              role: opts.role,
              password,
              ...(opts.opd ? { opd: opts.opd } : {}),
              ...(opts.name ? { displayName: opts.name } : {}),
            },
            operator(),
          );
          say(text.added(user.username, user.role, user.opd));
          if (generated) say(text.generated(password));
        }),
      ),
    );

  users
    .command('list')
    .description(h.list)
    .action(() =>
      withRuntime(program, async ({ runtime }) => {
        const zone = runtime.config.instance.timezone;
        const text = cliText(runtime.config);
        const c = text.cli.users.columns;
        say(
          table(
            (await runtime.accounts.list()).map((u) => ({
              [c.user]: u.username,
              [c.name]: u.displayName,
              [c.role]: u.role,
              [c.opd]: u.opd,
              [c.status]: u.disabled ? text.users.disabled : text.users.active,
              [c.created]: shownTime(u.createdAt, zone),
            })),
            text.cli.none,
          ),
        );
      }),
    );

  users
    .command('disable <username>')
    .description(h.disable)
    .option('--enable', h.enable)
    .action((username: string, opts: { enable?: boolean }) =>
      withRuntime(program, async (ctx) =>
        accountAction(ctx, async (text) => {
          const user = await ctx.runtime.accounts.setDisabled(username, !opts.enable, operator());
          say(text.disabledNow(user.username, user.disabled));
        }),
      ),
    );

  users
    .command('reset-password <username>')
    .description(h.resetPassword)
    .action((username: string) =>
      withRuntime(program, async (ctx) =>
        accountAction(ctx, async (text) => {
          const { password, generated } = await passwordFromStdin();
          await ctx.runtime.accounts.resetPassword(username, password, operator());
          say(text.reset(username));
          if (generated) say(text.generated(password));
        }),
      ),
    );

  users
    .command('set-role <username> <role>')
    .description(h.setRole)
    .option('--opd <opd>', h.setRoleOpd)
    .action((username: string, role: string, opts: { opd?: string }) =>
      withRuntime(program, async (ctx) =>
        accountAction(ctx, async (text) => {
          const user = await ctx.runtime.accounts.setRole(username, role, opts.opd, operator());
          say(text.roleSet(user.username, user.role, user.opd));
        }),
      ),
    );

  users
    .command('token <username>')
    .description(h.token)
    .option('--label <label>', h.label, 'script')
    .action((username: string, opts: { label: string }) =>
      withRuntime(program, async (ctx) =>
        accountAction(ctx, async (text) => {
          const { token, record } = await ctx.runtime.accounts.createToken(username, opts.label, operator());
          say(text.tokenCreated(record.id, token));
        }),
      ),
    );

  users
    .command('tokens [username]')
    .description(h.tokens)
    .action((username: string | undefined) =>
      withRuntime(program, async ({ runtime }) => {
        const zone = runtime.config.instance.timezone;
        const text = cliText(runtime.config).cli;
        const c = text.users.columns;
        say(
          table(
            (await runtime.accounts.tokens(username)).map((t) => ({
              id: t.id,
              [c.user]: t.username,
              [c.label]: t.label,
              [c.created]: shownTime(t.createdAt, zone),
            })),
            text.none,
          ),
        );
      }),
    );

  users
    .command('revoke-token <id>')
    .description(h.revokeToken)
    .action((id: string) =>
      withRuntime(program, async (ctx) =>
        accountAction(ctx, async (text) => {
          await ctx.runtime.accounts.revokeToken(id, operator());
          say(text.revoked(id));
        }),
      ),
    );
}
