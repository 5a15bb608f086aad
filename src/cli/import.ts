import type { Command } from 'commander';
import { resolve } from 'node:path';
import { defaultRejectsPath, writeRejects } from './import-rejects.js';
import { ImportUsageError, runImport, type ImportOutcome } from './import-run.js';
import { summaryLines } from './import-summary.js';
import { shownTime } from './format.js';
import { oneOf } from './option-parsers.js';
import { complain, EXIT, say } from './output.js';
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
): { text: string; code: number } {
  switch (outcome.outcome) {
    case 'done':
      // Nothing taken from a file that has rows is a failed import (a wrong mapping or date format), whatever else went right.
      if (outcome.tally.rows > 0 && outcome.tally.imported + outcome.tally.known + outcome.tally.repeated === 0) {
        return {
          text: `${file}: nothing was imported, all ${outcome.tally.rows} rows were rejected; fix the channel's mapping (columns, dateFormats) or the rows, then run again with --restart`,
          code: EXIT.failure,
        };
      }
      return {
        text: `${file}: every row is counted once; running the command again adds nothing (--restart reads the file again)`,
        code: EXIT.ok,
      };
    case 'incomplete':
      return {
        text: `${outcome.notInLedger} imported rows are not in the ledger: their ingest failed (lapor-bridge dlq list); after fixing that, run the same command again to re-check`,
        code: EXIT.failure,
      };
    case 'interrupted':
      return {
        text: `interrupted after row ${outcome.tally.rows}; run the same command again to continue (counts so far above)`,
        code: EXIT.interrupted,
      };
    case 'skipped':
      return { text: 'another import into this channel is running; wait for it to finish', code: EXIT.failure };
  }
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      "import a historical CSV/XLSX export through a file-import source's column mapping, with progress and an exact summary; resumable (run again to continue)",
    )
    .argument('<file>', 'the export (.csv, .txt or .xlsx)')
    .requiredOption(
      '--channel <name>',
      'the file-import source whose column mapping reads the file (its path is replaced by FILE)',
    )
    .option('--format <format>', "csv or xlsx (default: by extension, or the source's format)", oneOf('csv', 'xlsx'))
    .option(
      '--encoding <name>',
      "CSV encoding, e.g. windows-1252 or utf-8 (default: the source's, usually auto-detected)",
    )
    .option('--restart', "forget this file's saved position and counts and read it from the first row again")
    .option('--rejects <path>', 'where to write rejected rows: .csv (default, next to FILE) or .jsonl')
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
  let outcome: ImportOutcome;
  try {
    outcome = await runImport(ctx, {
      channel: opts.channel,
      file,
      ...(opts.format ? { format: opts.format } : {}),
      ...(opts.encoding ? { encoding: opts.encoding } : {}),
      restart: opts.restart ?? false,
      progress: true,
      onWait: (ms) =>
        say(
          `an earlier import of ${opts.channel} still holds its lock (a killed one lets go within ${seconds(ms)} s); waiting`,
        ),
      onStart: ({ reading, resumed, finishedAt }) => {
        say(`${resumed ? 'resuming' : 'reading'} ${reading}`);
        if (finishedAt)
          say(
            `this file was imported completely on ${shownTime(finishedAt, ctx.runtime.config.instance.timezone)}; the counts below stay as they were (--restart counts it again)`,
          );
      },
    });
  } catch (err) {
    if (!(err instanceof ImportUsageError)) throw err;
    complain(`lapor-bridge: ${err.message}`);
    return EXIT.config;
  }
  const end = closing(outcome, file);
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
      (err: unknown) =>
        complain(
          `lapor-bridge: could not write the rejected rows to ${path} (${(err as Error).message}); run again with --rejects PATH (they are also in: lapor-bridge quarantine list)`,
        ),
    );
  }
  const duplicates = outcome.tally.repeated > 0 ? await outcome.duplicates() : [];
  for (const line of summaryLines(outcome.tally, rejects, rejectsFile, duplicates)) say(line);
  (end.code === EXIT.ok ? say : complain)(end.text);
  return end.code;
}
