import type { Command } from 'commander';
import type { User } from '../accounts/accounts.js';
import { can, type Action } from '../domain/roles.js';
import type { Catalog } from '../i18n/messages.js';

/** The variable naming the account a command acts as, when `--as` is not given. */
export const ACTING_USER_ENV = 'LAPOR_BRIDGE_USER';

/** A command refused before it acted: the account is missing, unknown, disabled or not allowed. */
export class ActingUserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActingUserError';
  }
}

/** Adds `--as <username>` to a command that acts in a person's name. */
export function actingOption(command: Command, text: Catalog): Command {
  return command.option('--as <username>', text.help.common.as(ACTING_USER_ENV));
}

/**
 * The account a command acts as: `--as`, else LAPOR_BRIDGE_USER, looked up in the same
 * accounts as the pages and the API. Whoever can reach Redis can run commands, so this is
 * attribution and the role's limits, not a login: the audit names a real account, and a
 * command does only what that account could do on the pages or over the API.
 */
export async function actingUser(
  accounts: { get(username: string): Promise<User | undefined> },
  asked: string | undefined,
  t: Catalog['cli']['acting'],
  action?: Action,
): Promise<User> {
  const name = (asked ?? process.env[ACTING_USER_ENV] ?? '').trim();
  if (!name) throw new ActingUserError(t.missing(ACTING_USER_ENV));
  const user = await accounts.get(name);
  if (!user) throw new ActingUserError(t.unknown(name));
  if (user.disabled) throw new ActingUserError(t.disabled(name));
  if (action && !can(user.role, action)) throw new ActingUserError(t.forbidden(name, user.role));
  return user;
}
