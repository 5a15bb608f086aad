import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { AccountError } from '../accounts/errors.js';
import { randomSecret } from '../accounts/secret-token.js';
import { chooseLanguage, messages } from '../i18n/messages.js';
import { shownTime, table } from './format.js';
import { complain, EXIT, say } from './output.js';
import { withRuntime } from './with-runtime.js';

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

async function accountAction(run: () => Promise<void>): Promise<number | void> {
  try {
    await run();
  } catch (err) {
    if (!(err instanceof AccountError)) throw err;
    complain(`lapor-bridge: ${messages(chooseLanguage(undefined, process.env)).users.error(err)}`);
    return EXIT.failure;
  }
}

export function registerUsers(program: Command): void {
  const users = program
    .command('users')
    .description('accounts of the pages and the API: roles admin, viewer, opd_staff, opd_head');
  const text = () => messages(chooseLanguage(undefined, process.env)).users;

  users
    .command('add <username>')
    .description('create an account; the password is read from stdin, or generated and shown once')
    .requiredOption('--role <role>', 'admin, viewer, opd_staff or opd_head')
    .option('--opd <opd>', 'the OPD of opd_staff and opd_head accounts (as complaints name it)')
    .option('--name <display name>', 'the name shown on answers and in the audit')
    .action((username: string, opts: { role: string; opd?: string; name?: string }) =>
      withRuntime(program, async ({ runtime }) =>
        accountAction(async () => {
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
          say(text().added(user.username, user.role, user.opd));
          if (generated) say(text().generated(password));
        }),
      ),
    );

  users.command('list').action(() =>
    withRuntime(program, async ({ runtime }) => {
      const zone = runtime.config.instance.timezone;
      say(
        table(
          (await runtime.accounts.list()).map((u) => ({
            user: u.username,
            nama: u.displayName,
            role: u.role,
            opd: u.opd,
            status: u.disabled ? text().disabled : text().active,
            dibuat: shownTime(u.createdAt, zone),
          })),
        ),
      );
    }),
  );

  users
    .command('disable <username>')
    .description('refuse its logins and tokens and end its sessions (enable again with --enable)')
    .option('--enable', 'allow it again')
    .action((username: string, opts: { enable?: boolean }) =>
      withRuntime(program, async ({ runtime }) =>
        accountAction(async () => {
          const user = await runtime.accounts.setDisabled(username, !opts.enable, operator());
          say(text().disabledNow(user.username, user.disabled));
        }),
      ),
    );

  users
    .command('reset-password <username>')
    .description("a new password from stdin (or generated and shown once); the user's sessions end")
    .action((username: string) =>
      withRuntime(program, async ({ runtime }) =>
        accountAction(async () => {
          const { password, generated } = await passwordFromStdin();
          await runtime.accounts.resetPassword(username, password, operator());
          say(text().reset(username));
          if (generated) say(text().generated(password));
        }),
      ),
    );

  users
    .command('set-role <username> <role>')
    .option('--opd <opd>', 'the OPD, for opd_staff and opd_head')
    .action((username: string, role: string, opts: { opd?: string }) =>
      withRuntime(program, async ({ runtime }) =>
        accountAction(async () => {
          const user = await runtime.accounts.setRole(username, role, opts.opd, operator());
          say(text().roleSet(user.username, user.role, user.opd));
        }),
      ),
    );

  users
    .command('token <username>')
    .description('an API token for scripts (Authorization: Bearer …); shown once, kept only as a hash')
    .option('--label <label>', 'what the token is for', 'script')
    .action((username: string, opts: { label: string }) =>
      withRuntime(program, async ({ runtime }) =>
        accountAction(async () => {
          const { token, record } = await runtime.accounts.createToken(username, opts.label, operator());
          say(text().tokenCreated(record.id, token));
        }),
      ),
    );

  users
    .command('tokens [username]')
    .description('API tokens (ids and labels, never the tokens)')
    .action((username: string | undefined) =>
      withRuntime(program, async ({ runtime }) => {
        const zone = runtime.config.instance.timezone;
        say(
          table(
            (await runtime.accounts.tokens(username)).map((t) => ({
              id: t.id,
              user: t.username,
              label: t.label,
              dibuat: shownTime(t.createdAt, zone),
            })),
          ),
        );
      }),
    );

  users.command('revoke-token <id>').action((id: string) =>
    withRuntime(program, async ({ runtime }) =>
      accountAction(async () => {
        await runtime.accounts.revokeToken(id, operator());
        say(text().revoked(id));
      }),
    ),
  );
}
