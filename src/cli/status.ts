import type { Command } from 'commander';
import type { Catalog } from '../i18n/messages.js';
import { QUEUE_NAMES } from '../queue/names.js';
import { shownTime, table } from './format.js';
import { cliText } from './text.js';
import { say } from './output.js';
import { withRuntime } from './with-runtime.js';
import { cursorPullsFrom } from '../connectors/pulls-from.js';
import type { Connector } from '../connectors/types.js';

/** Where a source's next pull starts: the change time its cursor says, else the cursor as it is. */
function shownPosition(connector: Connector | undefined, cursor: string | null, tz: string): string | null {
  const pullsFrom = cursorPullsFrom(connector, cursor);
  return pullsFrom ? shownTime(pullsFrom, tz) : cursor;
}

export function registerStatus(program: Command, catalog: Catalog): void {
  program
    .command('status')
    .description(catalog.help.status)
    .action(() =>
      withRuntime(program, async ({ runtime }) => {
        const { store, queues, connectors, config } = runtime;
        const tz = config.instance.timezone;
        const text = cliText(config);
        const t = text.cli.status;
        const sources = [];
        for (const name of connectors.keys()) {
          const s = await store.sources.get(name);
          sources.push({
            [t.source]: name,
            [t.state]: text.states[s.state] ?? s.state,
            [t.lastSuccess]: shownTime(s.lastSuccessAt, tz),
            [t.items]: s.itemsLastRun,
            [t.failingSince]: shownTime(s.failingSince, tz),
            [t.lastError]: s.lastError,
            [t.cursor]: shownPosition(connectors.get(name), await store.cursors.get(name, 'live'), tz),
          });
        }
        say(`${t.sources}\n${table(sources, text.cli.none)}\n`);
        const depths = await Promise.all(
          QUEUE_NAMES.map(async (q) => {
            const n = await queues[q].getJobCounts('waiting', 'active', 'delayed', 'failed');
            return {
              [t.queue]: q,
              [t.waiting]: n.waiting,
              [t.active]: n.active,
              [t.delayed]: n.delayed,
              [t.failed]: n.failed,
            };
          }),
        );
        say(`${t.queues}\n${table(depths, text.cli.none)}\n`);
        say(
          t.ledger(
            await store.ledger.count(),
            await store.quarantine.entries.size(),
            await store.triage.size(),
            await store.deadLetters.size(),
          ),
        );
      }),
    );
}
