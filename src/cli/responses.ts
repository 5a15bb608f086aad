import type { Command } from 'commander';
import { isAuthorityError } from '../push/authority.js';
import { shownTime, table } from './format.js';
import { complain, EXIT, say } from './output.js';
import { cliText } from './text.js';
import { withRuntime, type CommandContext } from './with-runtime.js';

/**
 * OPD answers through the same service and rules as the API: who may sign and what needs
 * approval are the running daemon's rules (published in Redis), not this command's file.
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
      if (!isAuthorityError(err)) throw err;
      complain(`lapor-bridge: ${t.responses.refusal(err.code, err.detail)}`);
      return EXIT.failure;
    }
  });
}

export function registerResponses(program: Command): void {
  const responses = program
    .command('responses')
    .description('OPD answers (tindak lanjut): write, approve, reject, list');

  responses
    .command('add')
    .description('write an answer to a complaint; it waits for approval unless its OPD needs none')
    .requiredOption('--complaint <id>', 'complaint id (see /api/complaints/:id)')
    .requiredOption('--text <text>', 'the answer')
    .requiredOption('--by <name>', 'the officer writing it')
    .option('--opd <name>', "the OPD signing it: the complaint's OPD (default) or a unit above it in the directory")
    .action((opts: { complaint: string; text: string; by: string; opd?: string }) =>
      answering(program, async ({ runtime }, t) => {
        const r = await runtime.push.addResponse({
          complaintId: opts.complaint,
          text: opts.text,
          by: opts.by,
          ...(opts.opd ? { opd: opts.opd } : {}),
        });
        say(r.state === 'approved' ? t.responses.approvedAtOnce(r.id, r.opd ?? '') : t.responses.drafted(r.id));
      }),
    );

  responses
    .command('approve <id>')
    .description("approve an answer in the OPD head's name; it is then pushed to LAPOR and every channel of the case")
    .requiredOption('--by <name>', 'who approves')
    .action((id: string, opts: { by: string }) =>
      answering(program, async ({ runtime }, t) => {
        const r = await runtime.push.approve(id, opts.by);
        say(t.responses.approved(r.id, r.approvedBy ?? opts.by));
      }),
    );

  responses
    .command('reject <id>')
    .description("turn a draft down in the OPD head's name; it is never sent")
    .requiredOption('--by <name>', 'who rejects')
    .requiredOption('--reason <text>', 'why (kept with the answer and in the audit log)')
    .action((id: string, opts: { by: string; reason: string }) =>
      answering(program, async ({ runtime }, t) => {
        const r = await runtime.push.reject(id, opts.by, opts.reason);
        say(t.responses.rejected(r.id, r.rejectedBy ?? opts.by));
      }),
    );

  responses
    .command('list')
    .option('--state <state>', 'draft, approved or rejected')
    .action((opts: { state?: string }) =>
      withRuntime(program, async ({ runtime }) => {
        const rows = [];
        for await (const r of runtime.push.responses.all()) {
          if (!opts.state || r.state === opts.state)
            rows.push({
              id: r.id,
              complaint: r.complaintId,
              opd: r.opd,
              by: r.by,
              state: r.state,
              at: shownTime(r.at, runtime.config.instance.timezone),
              text: r.text,
            });
        }
        say(table(rows));
      }),
    );
}
