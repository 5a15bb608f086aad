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

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

function scoreRow(label: string, s: RoutingScores) {
  return {
    model: label,
    n: s.n,
    'top-1': pct(s.top1),
    'top-3': pct(s.top3),
    'macro-F1': s.macroF1.toFixed(3),
    [`cakupan ≥${s.threshold}`]: pct(s.coverage),
    'benar di cakupan': pct(s.autoAccuracy),
  };
}

function report(e: Evaluation): string {
  const c = e.counts;
  const unknown = [...c.unknownLabels.entries()].sort((a, b) => b[1] - a[1]);
  const confusions = [...e.withCategory.confusion.entries()]
    .flatMap(([truth, row]) =>
      [...row.entries()].filter(([p]) => p !== truth).map(([p, n]) => ({ benar: truth, ditebak: p, aduan: n })),
    )
    .sort((a, b) => b.aduan - a.aduan)
    .slice(0, 15);
  return [
    `baris: ${c.rows} · dilatih: ${c.train} · dinilai: ${c.test} · dikecualikan: ${c.notAuthority} "bukan wewenang", ${c.blank} tanpa label, ${[...c.unknownLabels.values()].reduce((a, b) => a + b, 0)} label tak dikenal direktori · OPD uji yang tak ada di data latih: ${c.unseenInTraining}`,
    table([scoreRow('teks saja', e.textOnly), scoreRow('teks + kategori', e.withCategory)]),
    'per OPD (teks + kategori):',
    table(
      e.withCategory.perOpd.map((p) => ({
        OPD: p.opd,
        aduan: p.support,
        presisi: p.precision.toFixed(2),
        recall: p.recall.toFixed(2),
        F1: p.f1.toFixed(2),
      })),
    ),
    confusions.length > 0 ? `kekeliruan terbanyak:\n${table(confusions)}` : 'tanpa kekeliruan',
    unknown.length > 0
      ? `label tak dikenal direktori (tambahkan sebagai alias):\n${table(unknown.map(([label, n]) => ({ label, baris: n })))}`
      : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

export function registerRoute(program: Command): void {
  const route = program
    .command('route')
    .description('model rute OPD: latih dari riwayat ledger dan penetapan operator');
  route
    .command('train')
    .description('latih model rute sekarang dan terbitkan versi baru (juga terjadwal: routing.retrainSchedule)')
    .action(() =>
      withRuntime(program, async ({ runtime }) => {
        const r = await runtime.routing.train();
        if (!r.trained) {
          complain(`lapor-bridge: model tidak dilatih: ${r.reason}`);
          return EXIT.failure;
        }
        say(
          `model ${r.version}: ${r.examples} aduan, ${r.opds} OPD, ${(r.bytes / 1024).toFixed(0)} KiB, ${(r.ms / 1000).toFixed(1)} s`,
        );
      }),
    );

  program
    .command('route-eval')
    .description(
      'uji model rute pada ekspor berlabel: latih sampai tanggal, nilai sisanya (top-1, top-3, macro-F1, kekeliruan per OPD, cakupan di ambang)',
    )
    .argument('<file>', 'ekspor berlabel (.csv, .txt, .xlsx), dibaca lewat pemetaan kolom sebuah sumber file-import')
    .requiredOption(
      '--train-until <YYYY-MM-DD>',
      'baris yang dilaporkan sebelum tanggal ini untuk latihan, sisanya untuk penilaian',
    )
    .option(
      '--channel <name>',
      'sumber file-import yang pemetaan kolomnya membaca berkas (wajib bila ada lebih dari satu)',
    )
    .option('--threshold <p>', 'ambang keyakinan (bawaan: routing.threshold)')
    .option('--json', 'sebagai JSON')
    .action(
      async (file: string, opts: { trainUntil: string; channel?: string; threshold?: string; json?: boolean }) => {
        const loaded = loadOrExit(program.opts<{ config?: string }>().config);
        const { sources } = loaded.config;
        const channels = Object.entries(sources)
          .filter(([, s]) => s.kind === 'file-import')
          .map(([n]) => n);
        const channel = opts.channel ?? (channels.length === 1 ? channels[0] : undefined);
        if (!channel || !/^\d{4}-\d{2}-\d{2}$/.test(opts.trainUntil)) {
          complain(
            `lapor-bridge: ${!channel ? `sebutkan --channel (sumber file-import: ${channels.join(', ') || 'belum ada'})` : '--train-until ditulis YYYY-MM-DD'}`,
          );
          process.exit(EXIT.config);
        }
        try {
          const logger = createLogger({ ...loaded.config.logging, level: 'warn' }, pino.destination(2));
          const connector = createConnector(fileSource(sources, { channel, file }), {
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
          else
            say(
              `${rejected > 0 ? `${rejected} baris ditolak pemetaan (lihat lapor-bridge import untuk alasannya)\n` : ''}${report(result)}`,
            );
        } catch (err) {
          complain(`lapor-bridge: ${(err as Error).message}`);
          process.exit(EXIT.failure);
        }
      },
    );
}
