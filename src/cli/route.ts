import type { Command } from 'commander';
import { systemClock } from '../domain/clock.js';
import { createConnector } from '../connectors/registry.js';
import { createLogger } from '../logging/logger.js';
import { pino } from 'pino';
import { evaluateRouting, type Evaluation, type LabelledRow } from '../routing/evaluate.js';
import type { RoutingScores } from '../routing/metrics.js';
import { fileSource } from './import-run.js';
import { loadOrExit } from './load-or-exit.js';
import { table } from './format.js';
import { complain, EXIT, say } from './output.js';
import { withRuntime } from './with-runtime.js';
import { cliText } from './text.js';
import type { Catalog } from '../i18n/messages.js';

type RouteText = Catalog['cli']['route'];
type Columns = Catalog['cli']['route']['scoreColumns'];

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

function scoreRow(t: RouteText, label: string, s: RoutingScores) {
  const c: Columns = t.scoreColumns;
  return {
    [c.model]: label,
    [c.n]: s.n,
    'top-1': pct(s.top1),
    'top-3': pct(s.top3),
    'macro-F1': s.macroF1.toFixed(3),
    [t.coverage(s.threshold)]: pct(s.coverage),
    [t.rightInCoverage]: pct(s.autoAccuracy),
  };
}

function report(e: Evaluation, t: RouteText, none: string): string {
  const c = e.counts;
  const unknown = [...c.unknownLabels.entries()].sort((a, b) => b[1] - a[1]);
  const confusions = [...e.withCategory.confusion.entries()]
    .flatMap(([truth, row]) =>
      [...row.entries()].filter(([p]) => p !== truth).map(([p, n]) => ({ truth, guessed: p, n })),
    )
    .sort((a, b) => b.n - a.n)
    .slice(0, 15)
    .map((r) => ({
      [t.confusionColumns.truth]: r.truth,
      [t.confusionColumns.guessed]: r.guessed,
      [t.confusionColumns.complaints]: r.n,
    }));
  return [
    t.counts({
      rows: c.rows,
      train: c.train,
      test: c.test,
      notAuthority: c.notAuthority,
      blank: c.blank,
      unknown: [...c.unknownLabels.values()].reduce((a, b) => a + b, 0),
      unseen: c.unseenInTraining,
    }),
    table([scoreRow(t, t.textOnly, e.textOnly), scoreRow(t, t.withCategory, e.withCategory)], none),
    t.perOpd,
    table(
      e.withCategory.perOpd.map((p) => ({
        OPD: p.opd,
        [t.perOpdColumns.complaints]: p.support,
        [t.perOpdColumns.precision]: p.precision.toFixed(2),
        [t.perOpdColumns.recall]: p.recall.toFixed(2),
        F1: p.f1.toFixed(2),
      })),
      none,
    ),
    confusions.length > 0 ? `${t.confusions}\n${table(confusions, none)}` : t.noConfusions,
    unknown.length > 0
      ? `${t.unknownLabels}\n${table(
          unknown.map(([label, n]) => ({ [t.unknownColumns.label]: label, [t.unknownColumns.rows]: n })),
          none,
        )}`
      : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

export function registerRoute(program: Command, text: Catalog): void {
  const h = text.help.route;
  const route = program.command('route').description(h.description);
  route
    .command('train')
    .description(h.train)
    .action(() =>
      withRuntime(program, async ({ runtime }) => {
        const t = cliText(runtime.config).cli.route;
        const r = await runtime.routing.train();
        if (!r.trained) {
          complain(`lapor-bridge: ${t.notTrained(r.reason)}`);
          return EXIT.failure;
        }
        say(t.trained(r.version, r.examples, r.opds, (r.bytes / 1024).toFixed(0), (r.ms / 1000).toFixed(1)));
      }),
    );

  program
    .command('route-eval')
    .description(h.eval)
    .argument('<file>', h.file)
    .requiredOption('--train-until <YYYY-MM-DD>', h.trainUntil)
    .option('--channel <name>', h.channel)
    .option('--threshold <p>', h.threshold)
    .option('--json', text.help.common.json)
    .action(
      async (file: string, opts: { trainUntil: string; channel?: string; threshold?: string; json?: boolean }) => {
        const loaded = loadOrExit(program.opts<{ config?: string }>().config);
        const { sources } = loaded.config;
        const all = cliText(loaded.config).cli;
        const t = all.route;
        const channels = Object.entries(sources)
          .filter(([, s]) => s.kind === 'file-import')
          .map(([n]) => n);
        const channel = opts.channel ?? (channels.length === 1 ? channels[0] : undefined);
        if (!channel || !/^\d{4}-\d{2}-\d{2}$/.test(opts.trainUntil)) {
          complain(`lapor-bridge: ${!channel ? t.needChannel(channels.join(', ')) : t.badDate}`);
          process.exit(EXIT.config);
        }
        try {
          const logger = createLogger({ ...loaded.config.logging, level: 'warn' }, pino.destination(2));
          const connector = createConnector(fileSource(sources, { channel, file }, all.import), {
            name: channel,
            logger,
            clock: systemClock,
            secret: () => undefined,
          });
          const rows: LabelledRow[] = [];
          let rejected = 0;
          for (let cursor: string | null = null, done = false; !done;) {
            const page = await connector.pull(cursor);
            for (const r of page.records) {
              if (!r.ok) rejected += 1;
              else
                rows.push({
                  text: [r.draft.title, r.draft.body].filter(Boolean).join('\n'),
                  category: r.draft.category?.name ?? r.draft.category?.id,
                  label: r.draft.opd?.name ?? r.draft.opd?.id,
                  reportedAt: r.draft.reportedAt,
                });
            }
            cursor = page.nextCursor;
            done = page.done || page.records.length === 0;
          }
          await connector.close();
          const threshold = opts.threshold ? Number(opts.threshold) : loaded.config.routing.threshold;
          const result = evaluateRouting(rows, opts.trainUntil, loaded.opd, [channel, 'file-import'], threshold);
          if (opts.json)
            say(
              JSON.stringify(
                {
                  ...result,
                  counts: {
                    ...result.counts,
                    rejected,
                    unknownLabels: Object.fromEntries(result.counts.unknownLabels),
                  },
                  textOnly: { ...result.textOnly, confusion: undefined },
                  withCategory: {
                    ...result.withCategory,
                    confusion: Object.fromEntries(
                      [...result.withCategory.confusion].map(([k, v]) => [k, Object.fromEntries(v)]),
                    ),
                  },
                },
                null,
                2,
              ),
            );
          else say(`${rejected > 0 ? `${t.rejected(rejected)}\n` : ''}${report(result, t, all.none)}`);
        } catch (err) {
          complain(`lapor-bridge: ${(err as Error).message}`);
          process.exit(EXIT.failure);
        }
      },
    );
}
