import type { Command } from 'commander';
import { isAuthorityError } from '../push/authority.js';
import { accessTo } from '../workspace/access.js';
import { actingOption, actingUser, ActingUserError } from './acting-user.js';
import { shownTime, table } from './format.js';
import { complain, EXIT, say } from './output.js';
import { cliText } from './text.js';
import { wordsFor } from '../i18n/code-words.js';
import type { Catalog } from '../i18n/messages.js';
import { withRuntime, type CommandContext } from './with-runtime.js';

/**
 * OPD answers through the same service and rules as the API: who may sign and what needs
 * approval are the running daemon's rules (published in Redis), not this command's file.
 * Each acts as a named account (--as / LAPOR_BRIDGE_USER) that may do the same on the
 * pages: its role, and its OPD's scope for this complaint (src/workspace/access.ts).
 */
function answering(
  program: Command,
  run: (ctx: CommandContext, t: ReturnType<typeof cliText>) => Promise<void>,
): Promise<void> {
  return withRuntime(program, async (ctx) => {
    const t = cliText(ctx.runtime.config);
    try {
      await run(ctx, t);
    } catch (err) {
      if (err instanceof ActingUserError) {
        complain(`lapor-bridge: ${err.message}`);
        return EXIT.failure;
      }
      if (!isAuthorityError(err)) throw err;
      complain(`lapor-bridge: ${t.responses.refusal(err.code, err.detail)}`);
      return EXIT.failure;
    }
  });
}

export function registerResponses(program: Command, text: Catalog): void {
  const h = text.help.responses;
  const responses = program.command('responses').description(h.description);

  actingOption(
    responses
      .command('add')
      .description(h.add)
      .requiredOption('--complaint <id>', h.complaint)
      .requiredOption('--text <text>', h.text)
      .option('--opd <name>', h.opd),
    text,
  ).action((opts: { complaint: string; text: string; as?: string; opd?: string }) =>
    answering(program, async ({ runtime }, t) => {
      const user = await actingUser(runtime.accounts, opts.as, t.cli.acting, 'write_answer');
      const complaint = await runtime.store.ledger.get(opts.complaint);
      if (complaint && !accessTo(user, complaint, runtime.scope).write)
        throw new ActingUserError(t.cli.acting.notForComplaint(user.username, complaint.id));
      const r = await runtime.push.addResponse({
        complaintId: opts.complaint,
        text: opts.text,
        by: user.username,
        ...(opts.opd ? { opd: opts.opd } : {}),
      });
      say(r.state === 'approved' ? t.responses.approvedAtOnce(r.id, r.opd ?? '') : t.responses.drafted(r.id));
    }),
  );

  /** The head of the complaint's unit (or a unit above it) decides, as on /persetujuan. */
  const deciding = async (runtime: CommandContext['runtime'], id: string, as: string | undefined, t: Catalog) => {
    const user = await actingUser(runtime.accounts, as, t.cli.acting, 'approve_answer');
    const answer = await runtime.push.responses.get(id);
    const complaint = answer && (await runtime.store.ledger.get(answer.complaintId));
    if (complaint && !accessTo(user, complaint, runtime.scope).approve)
      throw new ActingUserError(t.cli.acting.notForComplaint(user.username, complaint.id));
    return user;
  };

  actingOption(responses.command('approve <id>').description(h.approve), text).action(
    (id: string, opts: { as?: string }) =>
      answering(program, async ({ runtime }, t) => {
        const user = await deciding(runtime, id, opts.as, t);
        const r = await runtime.push.approve(id, user.username);
        say(t.responses.approved(r.id, r.approvedBy ?? user.username));
      }),
  );

  actingOption(
    responses.command('reject <id>').description(h.reject).requiredOption('--reason <text>', h.reason),
    text,
  ).action((id: string, opts: { as?: string; reason: string }) =>
    answering(program, async ({ runtime }, t) => {
      const user = await deciding(runtime, id, opts.as, t);
      const r = await runtime.push.reject(id, user.username, opts.reason);
      say(t.responses.rejected(r.id, r.rejectedBy ?? user.username));
    }),
  );

  responses
    .command('list')
    .description(h.list)
    .option('--state <state>', h.state)
    .action((opts: { state?: string }) =>
      withRuntime(program, async ({ runtime }) => {
        const catalog = cliText(runtime.config);
        const t = catalog.cli;
        const c = t.responses.columns;
        const rows = [];
        for await (const r of runtime.push.responses.all()) {
          if (!opts.state || r.state === opts.state)
            rows.push({
              [c.id]: r.id,
              [c.complaint]: r.complaintId,
              [c.opd]: r.opd,
              [c.by]: r.by,
              [c.state]: wordsFor(catalog.workspace.answerStates, r.state),
              [c.at]: shownTime(r.at, runtime.config.instance.timezone),
              [c.text]: r.text,
            });
        }
        say(table(rows, t.none));
      }),
    );
}
