import type { Command } from 'commander';
import type { Catalog } from '../i18n/messages.js';
import { shownTime, table } from './format.js';
import { complain, EXIT, say } from './output.js';
import { withRuntime } from './with-runtime.js';
import { actingOption, actingUser } from './acting-user.js';
import { cliText } from './text.js';
import { shownTriageValue } from '../i18n/triage-messages.js';
import { mayBeReviewed } from '../store/records.js';
import { knownNumberOf } from '../workspace/workspace.js';

const pct = (p: number) => `${Math.round(p * 100)}%`;

export function registerTriage(program: Command, text: Catalog): void {
  const h = text.help.triage;
  const triage = program.command('triage').description(h.description);

  triage
    .command('list')
    .description(h.list)
    .option('-k, --kind <kind>', h.kind)
    .option('-n, --limit <n>', text.help.common.limit, '50')
    .option('--json', h.json)
    .action((opts: { kind?: string; limit: string; json?: boolean }) =>
      withRuntime(program, async ({ runtime }) => {
        const entries = [];
        const catalog = cliText(runtime.config);
        for await (const [id, e] of runtime.store.triage.entries()) {
          if (opts.kind && e.kind !== opts.kind) continue;
          entries.push({ id, ...e, reason: catalog.triage.reason(e) });
          if (entries.length >= Number(opts.limit)) break;
        }
        if (opts.json) return void say(JSON.stringify(entries, null, 2));
        const complaints = await runtime.store.ledger.getMany(entries.map((e) => e.complaintId));
        const tz = runtime.config.instance.timezone;
        const c = catalog.cli.triage.columns;
        say(
          table(
            entries.map((e, i) => ({
              [c.complaint]: e.complaintId,
              [c.number]: complaints[i] ? knownNumberOf(complaints[i]) : '',
              [c.kind]: catalog.triage.kind(e.kind),
              [c.source]: e.source,
              [c.value]: shownTriageValue(e) ?? '',
              [c.suggestions]: (e.suggestions ?? []).map((s) => `${s.opd} ${pct(s.confidence)}`).join(', '),
              [c.since]: shownTime(e.at, tz),
              [c.reason]: e.reason,
            })),
            catalog.cli.none,
          ),
        );
      }),
    );

  actingOption(triage.command('assign <complaint> <opd>').description(h.assign), text).action(
    (complaintId: string, code: string, opts: { as?: string }) =>
      withRuntime(program, async ({ runtime }) => {
        const user = await actingUser(runtime.accounts, opts.as, cliText(runtime.config).cli.acting, 'assign_opd');
        try {
          const c = await runtime.routing.assign(complaintId, code, user.username);
          say(
            cliText(runtime.config).cli.triage.assigned(
              c.id,
              c.opd?.code ?? code,
              runtime.opd.get(code)?.name ?? code,
              user.username,
            ),
          );
        } catch (err) {
          complain(`lapor-bridge: ${(err as Error).message}`);
          return EXIT.failure;
        }
      }),
  );

  actingOption(
    triage
      .command('review <complaint>')
      .description(h.review)
      .option('-k, --kind <kind>', h.reviewKind)
      .option('--same', h.same),
    text,
  ).action((complaintId: string, opts: { as?: string; kind?: string; same?: boolean }) =>
    withRuntime(program, async ({ runtime }) => {
      const t = cliText(runtime.config).cli;
      const user = await actingUser(runtime.accounts, opts.as, t.acting, 'assign_opd');
      const ids = [];
      for await (const [id, e] of runtime.store.triage.entries())
        if (e.complaintId === complaintId && mayBeReviewed(e.kind) && (!opts.kind || e.kind === opts.kind))
          ids.push(id);
      if (ids.length === 0) {
        complain(`lapor-bridge: ${t.triage.nothingToReview(complaintId)}`);
        return EXIT.failure;
      }
      let reviewed = 0;
      for (const id of ids) {
        const outcome = await runtime.store.triage.review(id, user.username, { same: opts.same ?? false });
        if ('reviewed' in outcome) reviewed += outcome.reviewed;
      }
      say(t.triage.reviewed(reviewed, user.username));
    }),
  );
}
