import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Catalog, Language } from '../i18n/messages.js';
import { computeDueLists } from '../rekap/due.js';
import { rekapCsv, rekapXlsx } from '../rekap/export-files.js';
import { days, hours, percent } from '../rekap/labels.js';
import { periodQuerySchemaIn, resolvePeriod } from '../rekap/period.js';
import { computeRekap } from '../rekap/scan.js';
import { rekapSettings } from '../rekap/settings.js';
import type { Rekap } from '../rekap/types.js';
import { rekapHeading, rekapViews, trendLine, type RekapView } from '../rekap/views.js';
import { table } from './format.js';
import { dueText } from './rekap-due.js';
import { oneOf } from './option-parsers.js';
import { complain, EXIT, say } from './output.js';
import { cliLanguage, cliText } from './text.js';
import { withRuntime } from './with-runtime.js';

const FORMATS = ['table', 'json', 'csv', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

function shown(view: RekapView, value: unknown, i: number, language: Language): unknown {
  if (typeof value !== 'number') return value;
  const format = view.formats[i];
  if (format === 'share') return percent(value, 1);
  if (format === 'days') return days(value, language);
  if (format === 'hours') return hours(value, language);
  return value;
}

/** The page's tables as text: the same views, columns and labels, in the same order. */
export function rekapText(rekap: Rekap, text: Catalog, timeZone: string, language: Language): string {
  const t = text.rekap;
  const trend = trendLine(rekap, t, language);
  const lines = [...rekapHeading(rekap, t, timeZone, language), ...(trend ? [trend] : [])];
  for (const view of rekapViews(rekap, t, timeZone)) {
    if (view.rows.length === 0) continue;
    const rows = view.rows.map((row) =>
      Object.fromEntries(view.columns.map((c, i) => [c, shown(view, row[i], i, language)])),
    );
    lines.push('', view.name, table(rows, text.cli.none, view.columns));
  }
  const { disposeWorkingDays: d, followUpWorkingDays: f } = rekap.limits;
  lines.push('', t.notes.limits(String(d), String(d + f), String(f)));
  if (rekap.unreadable > 0) lines.push(t.unreadable(String(rekap.unreadable)));
  return lines.join('\n');
}

export function registerRekap(program: Command, text: Catalog): void {
  const h = text.help.rekap;
  program
    .command('rekap')
    .description(h.description)
    .option('--month <YYYY-MM>', h.month)
    .option('--from <YYYY-MM-DD>', h.from)
    .option('--to <YYYY-MM-DD>', h.to)
    .option('-s, --source <name>', h.source)
    .option('--format <format>', h.format(FORMATS.join(', ')), oneOf(text.help.errors, ...FORMATS), 'table')
    .option('--json', h.json)
    .option('-o, --output <file>', h.output)
    .option('--due', h.due)
    .option('--opd <key>', h.opd)
    .action(
      (opts: {
        month?: string;
        from?: string;
        to?: string;
        source?: string;
        format: Format;
        json?: boolean;
        output?: string;
        due?: boolean;
        opd?: string;
      }) => {
        const query = periodQuerySchemaIn(text.rekap.query).safeParse({
          month: opts.month,
          from: opts.from,
          to: opts.to,
          source: opts.source,
        });
        if (!query.success) {
          complain(`lapor-bridge: ${query.error.issues.map((i) => i.message).join('; ')}`);
          process.exit(EXIT.config);
        }
        const format: Format = opts.json ? 'json' : opts.format;
        if (opts.due && format !== 'table' && format !== 'json') {
          complain(`lapor-bridge: ${text.cli.rekap.dueFormat(format)}`);
          process.exit(EXIT.config);
        }
        return withRuntime(program, async ({ runtime }) => {
          const t = cliText(runtime.config);
          if (opts.due) {
            const settings = rekapSettings(runtime.config, runtime.opd);
            const lists = await computeDueLists(runtime.store, settings, {
              now: runtime.clock.now(),
              ...(opts.opd ? { opd: opts.opd } : {}),
            });
            const output =
              format === 'json'
                ? JSON.stringify(lists, null, 2)
                : dueText(lists, t, settings.timeZone, cliLanguage(runtime.config));
            if (opts.output) writeFileSync(opts.output, `${output}\n`);
            else say(output);
            return;
          }
          const settings = rekapSettings(runtime.config, runtime.opd);
          const language = cliLanguage(runtime.config);
          const now = runtime.clock.now();
          const rekap = await computeRekap(runtime.store, settings, {
            period: resolvePeriod(query.data, now, settings.offsetMs),
            ...(query.data.source ? { source: query.data.source } : {}),
            now,
          });
          const views = rekapViews(rekap, t.rekap, settings.timeZone);
          if (format === 'xlsx') {
            const file = opts.output ?? `rekap-${rekap.period.from}_${rekap.period.to}.xlsx`;
            writeFileSync(file, await rekapXlsx(rekapHeading(rekap, t.rekap, settings.timeZone, language), views));
            say(file);
            return;
          }
          const output =
            format === 'json'
              ? JSON.stringify(rekap, null, 2)
              : format === 'csv'
                ? rekapCsv(views[0]!)
                : rekapText(rekap, t, settings.timeZone, language);
          if (opts.output) writeFileSync(opts.output, output.endsWith('\n') ? output : `${output}\n`);
          else say(output);
        });
      },
    );
}
