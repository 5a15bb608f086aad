import type { Command } from 'commander';
import type { Catalog } from '../i18n/messages.js';
import { replayQuarantined } from '../app/replay.js';
import { shownTime, table } from './format.js';
import { complain, EXIT, say } from './output.js';
import { cliText } from './text.js';
import { withRuntime } from './with-runtime.js';

export function registerQuarantine(program: Command, text: Catalog): void {
  const h = text.help.quarantine;
  const quarantine = program.command('quarantine').description(h.description);

  quarantine
    .command('list')
    .description(h.list)
    .option('-n, --limit <n>', text.help.common.limit, '50')
    .action((opts: { limit: string }) =>
      withRuntime(program, async ({ runtime }) => {
        const t = cliText(runtime.config).cli;
        const c = t.quarantine.columns;
        const entries = await runtime.store.quarantine.entries.list(Number(opts.limit));
        say(
          table(
            entries.map(([id, e]) => ({
              [c.id]: id,
              [c.source]: e.source,
              [c.record]: e.externalId,
              [c.stage]: e.stage,
              [c.seen]: e.count,
              [c.lastSeen]: shownTime(e.lastSeen, runtime.config.instance.timezone),
              [c.reason]: e.reason,
            })),
            t.none,
          ),
        );
      }),
    );

  quarantine
    .command('show <id>')
    .description(h.show)
    .action((id: string) =>
      withRuntime(program, async ({ runtime }) => {
        const entry = await runtime.store.quarantine.entries.get(id);
        if (!entry) {
          complain(`lapor-bridge: ${cliText(runtime.config).cli.quarantine.unknown(id)}`);
          return EXIT.failure;
        }
        say(JSON.stringify(entry, null, 2));
      }),
    );

  quarantine
    .command('replay [id]')
    .description(h.replay)
    .option('--all', h.all)
    .action((id: string | undefined, opts: { all?: boolean }) =>
      withRuntime(program, async ({ runtime }) => {
        const t = cliText(runtime.config).cli.quarantine;
        if (!id && !opts.all) {
          complain(`lapor-bridge: ${t.nameOne}`);
          return EXIT.config;
        }
        const ids = id
          ? [id]
          : (await runtime.store.quarantine.entries.list(Number.MAX_SAFE_INTEGER)).map(([qid]) => qid);
        let requeued = 0;
        for (const qid of ids) {
          const result = await replayQuarantined(runtime, qid);
          if (result.outcome === 'requeued') requeued += 1;
          say(result.outcome === 'requeued' ? t.requeued(qid, result.externalId) : t.stillInvalid(qid, result.reason));
        }
        say(t.summary(requeued, ids.length));
      }),
    );
}
