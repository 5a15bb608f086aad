import type { Command } from 'commander';
import { QUEUE_NAMES } from '../queue/names.js';
import { table, wib } from './format.js';
import { say } from './output.js';
import { withRuntime } from './with-runtime.js';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('per source: last successful poll, cursor, items last run, failing since; queue depths and ledger counts')
    .action(() =>
      withRuntime(program, async ({ runtime }) => {
        const { store, queues, connectors, config } = runtime;
        const tz = config.instance.timezone;
        const sources = [];
        for (const name of connectors.keys()) {
          const s = await store.sources.get(name);
          sources.push({ source: name, state: s.state, 'last success': wib(s.lastSuccessAt, tz), items: s.itemsLastRun, 'failing since': wib(s.failingSince, tz), 'last error': s.lastError, cursor: await store.cursors.get(name, 'live') });
        }
        say(`sources\n${table(sources)}\n`);
        const depths = await Promise.all(QUEUE_NAMES.map(async (q) => ({ queue: q, ...(await queues[q].getJobCounts('waiting', 'active', 'delayed', 'failed')) })));
        say(`queues\n${table(depths)}\n`);
        say(`ledger: ${await store.ledger.count()} complaints · quarantine: ${await store.quarantine.entries.size()} · triage: ${await store.triage.size()} · dead letters: ${await store.deadLetters.size()}`);
      }),
    );
}
