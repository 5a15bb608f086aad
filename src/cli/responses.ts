import type { Command } from 'commander';
import { shownTime, table } from './format.js';
import { say } from './output.js';
import { withRuntime } from './with-runtime.js';

export function registerResponses(program: Command): void {
  const responses = program.command('responses').description('OPD answers (tindak lanjut): write, approve, list');

  responses
    .command('add')
    .description('write an answer to a complaint; it waits for approval unless its OPD needs none')
    .requiredOption('--complaint <id>', 'complaint id (see /api/complaints/:id)')
    .requiredOption('--text <text>', 'the answer')
    .requiredOption('--by <name>', 'the officer writing it')
    .option('--opd <name>', 'the OPD answering (default: the complaint\'s OPD)')
    .action((opts: { complaint: string; text: string; by: string; opd?: string }) =>
      withRuntime(program, async ({ runtime }) => {
        const r = await runtime.push.addResponse({ complaintId: opts.complaint, text: opts.text, by: opts.by, ...(opts.opd ? { opd: opts.opd } : {}) });
        say(`${r.id}: ${r.state === 'approved' ? 'approved (no approval needed), queued for every channel of the case' : 'draft, waiting for approval: lapor-bridge responses approve ' + r.id + ' --by NAME'}`);
      }),
    );

  responses
    .command('approve <id>')
    .description('approve an answer in the OPD head\'s name; it is then pushed to LAPOR and every channel of the case')
    .requiredOption('--by <name>', 'who approves')
    .action((id: string, opts: { by: string }) =>
      withRuntime(program, async ({ runtime }) => {
        const r = await runtime.push.approve(id, opts.by);
        say(`${r.id}: approved by ${r.approvedBy}; queued for delivery (a running daemon sends it)`);
      }),
    );

  responses
    .command('list')
    .option('--state <state>', 'draft, approved or rejected')
    .action((opts: { state?: string }) =>
      withRuntime(program, async ({ runtime }) => {
        const rows = [];
        for await (const r of runtime.push.responses.all()) {
          if (!opts.state || r.state === opts.state) rows.push({ id: r.id, complaint: r.complaintId, opd: r.opd, by: r.by, state: r.state, at: shownTime(r.at, runtime.config.instance.timezone), text: r.text });
        }
        say(table(rows));
      }),
    );
}
