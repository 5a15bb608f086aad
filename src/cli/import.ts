import type { Command } from 'commander';
import type { Catalog } from '../i18n/messages.js';
import { resolve } from 'node:path';
import { defaultRejectsPath, writeRejects } from './import-rejects.js';
import { ImportUsageError, runImport, type ImportOutcome } from './import-run.js';
import { summaryLines } from './import-summary.js';
import { shownTime } from './format.js';
import { oneOf } from './option-parsers.js';
import { complain, EXIT, say } from './output.js';
import { cliLanguage, cliText } from './text.js';
import { withRuntime, type CommandContext } from './with-runtime.js';

interface Options {
  channel: string;
  format?: 'csv' | 'xlsx';
  encoding?: string;
  restart?: boolean;
  rejects?: string;
}

const seconds = (ms: number) => Math.ceil(ms / 1000);

/** The closing line and exit code of an import. */
export function closing(
  outcome: Pick<ImportOutcome, 'outcome' | 'tally' | 'notInLedger'>,
  file: string,
  t: Catalog['cli']['import'],
): { text: string; code: number } {
  switch (outcome.outcome) {
    case 'done':
      // Nothing taken from a file that has rows is a failed import (a wrong mapping or date format), whatever else went right.
      if (outcome.tally.rows > 0 && outcome.tally.imported + outcome.tally.known + outcome.tally.repeated === 0)
        return { text: t.nothingImported(file, outcome.tally.rows), code: EXIT.failure };
      return { text: t.complete(file), code: EXIT.ok };
    case 'incomplete':
      return { text: t.incomplete(outcome.notInLedger), code: EXIT.failure };
    case 'interrupted':
      return { text: t.interrupted(outcome.tally.rows), code: EXIT.interrupted };
    case 'skipped':
      return { text: t.skipped, code: EXIT.failure };
  }
}

export function registerImport(program: Command, text: Catalog): void {
  const h = text.help.import;
  program
    .command('import')
    .description(h.description)
    .argument('<file>', h.file)
    .requiredOption('--channel <name>', h.channel)
    .option('--format <format>', h.format, oneOf(text.help.errors, 'csv', 'xlsx'))
    .option('--encoding <name>', h.encoding)
    .option('--restart', h.restart)
    .option('--rejects <path>', h.rejects)
    .action((file: string, opts: Options) =>
      withRuntime(program, async (ctx) => {
        // On Ctrl-C the runtime stops in reverse order: this step holds Redis open until the
        // interrupted import has read and printed its counts.
        let reported!: () => void;
        const summaryPrinted = new Promise<void>((r) => (reported = r));
        ctx.lifecycle.add('import summary', () => summaryPrinted);
        try {
          return await importAndReport(ctx, file, opts);
        } finally {
          reported();
        }
      }),
    );
}

async function importAndReport(ctx: CommandContext, file: string, opts: Options): Promise<number> {
  const t = cliText(ctx.runtime.config).cli.import;
  let outcome: ImportOutcome;
  try {
    outcome = await runImport(ctx, {
      channel: opts.channel,
      file,
      ...(opts.format ? { format: opts.format } : {}),
      ...(opts.encoding ? { encoding: opts.encoding } : {}),
      restart: opts.restart ?? false,
      progress: true,
      onWait: (ms) => say(t.waiting(opts.channel, seconds(ms))),
      onStart: ({ reading, resumed, finishedAt }) => {
        say(t.reading(resumed, reading));
        if (finishedAt) say(t.finishedBefore(shownTime(finishedAt, ctx.runtime.config.instance.timezone)));
      },
    });
  } catch (err) {
    if (!(err instanceof ImportUsageError)) throw err;
    complain(`lapor-bridge: ${err.message}`);
    return EXIT.config;
  }
  const end = closing(outcome, file, t);
  if (outcome.outcome === 'skipped') {
    complain(end.text);
    return end.code;
  }
  let rejectsFile: string | undefined;
  // Written once the file is read to the end, so a rejects file is never a partial one.
  const rejects = outcome.tally.rejected > 0 && outcome.outcome !== 'interrupted' ? await outcome.rejects() : [];
  if (rejects.length > 0) {
    const path = resolve(opts.rejects ?? defaultRejectsPath(resolve(file)));
    // The import itself is done and counted: a rejects file that cannot be written must not hide that.
    await writeRejects(path, rejects, outcome.columns).then(
      () => (rejectsFile = path),
      (err: unknown) => complain(`lapor-bridge: ${t.rejectsNotWritten(path, (err as Error).message)}`),
    );
  }
  const duplicates = outcome.tally.repeated > 0 ? await outcome.duplicates() : [];
  const language = cliLanguage(ctx.runtime.config);
  for (const line of summaryLines(outcome.tally, rejects, rejectsFile, duplicates, t.summary, language)) say(line);
  (end.code === EXIT.ok ? say : complain)(end.text);
  return end.code;
}
