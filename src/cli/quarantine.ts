import type { Command } from 'commander';
import { replayQuarantined } from '../app/replay.js';
import { shownTime, table } from './format.js';
import { complain, EXIT, say } from './output.js';
import { withRuntime } from './with-runtime.js';

export function registerQuarantine(program: Command): void {
  const quarantine = program
    .command('quarantine')
    .description('records that failed validation, kept with their reason');

  quarantine
    .command('list')
    .option('-n, --limit <n>', 'at most this many', '50')
    .action((opts: { limit: string }) =>
      withRuntime(program, async ({ runtime }) => {
        const entries = await runtime.store.quarantine.entries.list(Number(opts.limit));
        say(
          table(
            entries.map(([id, e]) => ({
              id,
              source: e.source,
              record: e.externalId,
              stage: e.stage,
              seen: e.count,
              'last seen': shownTime(e.lastSeen, runtime.config.instance.timezone),
              reason: e.reason,
            })),
          ),
        );
      }),
    );

  quarantine
    .command('show <id>')
    .description('the raw record and the reason (raw records may hold reporter identity: handle with care)')
    .action((id: string) =>
      withRuntime(program, async ({ runtime }) => {
        const entry = await runtime.store.quarantine.entries.get(id);
        if (!entry) {
          complain(`lapor-bridge: no quarantined record "${id}"`);
          return EXIT.failure;
        }
        say(JSON.stringify(entry, null, 2));
      }),
    );

  quarantine
    .command('replay [id]')
    .description('map quarantined records again with the current configuration and ingest those that now pass')
    .option('--all', 'replay every quarantined record')
    .action((id: string | undefined, opts: { all?: boolean }) =>
      withRuntime(program, async ({ runtime }) => {
        if (!id && !opts.all) {
          complain('lapor-bridge: name a quarantine id, or use --all');
          return EXIT.config;
        }
        const ids = id
          ? [id]
          : (await runtime.store.quarantine.entries.list(Number.MAX_SAFE_INTEGER)).map(([qid]) => qid);
        let requeued = 0;
        for (const qid of ids) {
          const result = await replayQuarantined(runtime, qid);
          if (result.outcome === 'requeued') requeued += 1;
          say(
            `${qid}: ${result.outcome === 'requeued' ? `requeued record ${result.externalId}` : `still invalid: ${result.reason}`}`,
          );
        }
        say(`${requeued} of ${ids.length} requeued for ingest (a running daemon ingests them)`);
      }),
    );
}
