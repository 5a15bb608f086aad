import type { Command } from 'commander';
import type { Catalog } from '../i18n/messages.js';
import { CaseError } from '../dedup/cases.js';
import type { CaseView } from '../dedup/desk.js';
import { shownTime, table } from './format.js';
import { complain, EXIT, say } from './output.js';
import { withRuntime, type CommandContext } from './with-runtime.js';
import { ACTING_USER_ENV, actingUser } from './acting-user.js';
import { cliText } from './text.js';

/** Deciding about cases is an operator's action (role admin, as over the API), in a named account. */
async function decider(runtime: CommandContext['runtime'], asked: string | undefined): Promise<string> {
  return (await actingUser(runtime.accounts, asked, cliText(runtime.config).cli.acting, 'operate')).username;
}

async function guarded(ctx: CommandContext, work: (ctx: CommandContext) => Promise<void>): Promise<number> {
  try {
    await work(ctx);
    return EXIT.ok;
  } catch (err) {
    if (!(err instanceof CaseError)) throw err;
    complain(`lapor-bridge: ${cliText(ctx.runtime.config).api.caseRefusal(err.code, err.detail)}`);
    return EXIT.failure;
  }
}

function printCase(view: CaseView, zone: string, text: Catalog['cli']): void {
  const t = text.cases;
  const c = t.columns;
  const rows = (list: CaseView['members']) =>
    list.map((m) => ({
      [c.complaint]: m.id,
      [c.source]: m.source,
      [c.id]: m.externalId,
      [c.reportedAt]: shownTime(m.reportedAt, zone),
      [c.status]: m.status,
      [c.opd]: m.opd ?? '-',
      [c.reporter]: m.reporter ?? '-',
      [c.text]: m.text ?? t.rahasia,
    }));
  say(t.heading(view.caseId, view.members.length, view.answers.length));
  say(table(rows(view.members), text.none));
  if (view.related.length > 0) say(`\n${t.related}\n${table(rows(view.related), text.none)}`);
  if (view.proposals.length > 0)
    say(
      `\n${t.openProposals}\n${table(
        view.proposals.map((p) => ({
          [c.proposal]: p.id,
          [c.score]: p.score.toFixed(2),
          [c.reasons]: p.signals.join(', '),
        })),
        text.none,
      )}`,
    );
  if (view.answers.length > 0)
    say(
      `\n${t.answers}\n${table(
        view.answers.map((a) => ({
          [c.answer]: a.id,
          [c.complaint]: a.complaintId,
          [c.status]: a.state,
          [c.at]: shownTime(a.at, zone),
        })),
        text.none,
      )}`,
    );
}

export function registerCases(program: Command, text: Catalog): void {
  const h = text.help.cases;
  const cases = program.command('cases').description(h.description);
  const as = h.as(ACTING_USER_ENV);

  cases
    .command('list')
    .description(h.list)
    .option('--json', h.json)
    .action((opts: { json?: boolean }) =>
      withRuntime(program, async ({ runtime }) => {
        const all = cliText(runtime.config).cli;
        const t = all.cases;
        const c = t.columns;
        const { total, open } = await runtime.cases.proposals(200);
        if (opts.json) return void say(JSON.stringify({ total, open }, null, 2));
        if (total === 0) return void say(t.noProposals);
        say(t.waiting(total));
        say(
          table(
            open.map((p) => ({
              [c.proposal]: p.id,
              [c.kind]: t.kinds[p.kind] ?? p.kind,
              [c.score]: p.score.toFixed(2),
              [c.reasons]: p.signals.join(', '),
              [c.since]: shownTime(p.at, runtime.config.instance.timezone),
            })),
            all.none,
          ),
        );
      }),
    );

  cases
    .command('show <id>')
    .description(h.show)
    .option('--json', h.json)
    .action((id: string, opts: { json?: boolean }) =>
      withRuntime(program, (ctx) =>
        guarded(ctx, async ({ runtime }) => {
          // A proposal names two complaints: both cases, side by side, are what is decided.
          const sides = id.includes('~') ? id.split('~') : [id];
          const views = await Promise.all(sides.map((side) => runtime.cases.show(side)));
          if (opts.json) say(JSON.stringify(sides.length === 1 ? views[0] : { proposal: id, cases: views }, null, 2));
          else for (const view of views) printCase(view, runtime.config.instance.timezone, cliText(runtime.config).cli);
        }),
      ),
    );

  cases
    .command('confirm <proposal>')
    .description(h.confirm)
    .option('--as <username>', as)
    .action((proposal: string, opts: { as?: string }) =>
      withRuntime(program, (ctx) =>
        guarded(ctx, async ({ runtime }) => {
          const by = await decider(runtime, opts.as);
          const p = await runtime.cases.confirm(proposal, by);
          say(cliText(runtime.config).cli.cases.confirmed(p.id, by, p.a, p.b));
        }),
      ),
    );

  cases
    .command('reject <proposal>')
    .description(h.reject)
    .option('--as <username>', as)
    .action((proposal: string, opts: { as?: string }) =>
      withRuntime(program, (ctx) =>
        guarded(ctx, async ({ runtime }) => {
          const by = await decider(runtime, opts.as);
          const p = await runtime.cases.reject(proposal, by);
          say(cliText(runtime.config).cli.cases.rejected(p.id, by, p.a, p.b));
        }),
      ),
    );

  cases
    .command('merge <case> <other>')
    .description(h.merge)
    .option('--as <username>', as)
    .action((a: string, b: string, opts: { as?: string }) =>
      withRuntime(program, (ctx) =>
        guarded(ctx, async ({ runtime }) => {
          const by = await decider(runtime, opts.as);
          const r = await runtime.cases.merge(a, b, by);
          const t = cliText(runtime.config).cli.cases;
          say(r.into === r.from ? t.alreadyOne(r.into) : t.merged(r.from, r.into, by));
        }),
      ),
    );

  cases
    .command('split <case> <complaints...>')
    .description(h.split)
    .option('--as <username>', as)
    .action((caseId: string, complaints: string[], opts: { as?: string }) =>
      withRuntime(program, (ctx) =>
        guarded(ctx, async ({ runtime }) => {
          const by = await decider(runtime, opts.as);
          const r = await runtime.cases.split(caseId, complaints, by);
          say(cliText(runtime.config).cli.cases.split(by, r.moved.join(', '), r.into, r.from));
        }),
      ),
    );
}
