import type { Config } from '../config/schema.js';
import type { Catalog } from '../i18n/messages.js';
import { resolve } from 'node:path';
import { createConnector, definitionOf } from '../connectors/registry.js';
import { fingerprintOf, formatOf, openRows, type FileImportConfig } from '../connectors/file-import/index.js';
import { pollLockName, type PollResult } from '../pipeline/poll.js';
import type { ImportTally, ImportState, RejectedRow } from '../store/import-tally.js';
import { runPollNow } from './run-poll.js';
import { cliText } from './text.js';
import type { CommandContext } from './with-runtime.js';

export interface ImportOptions {
  channel: string;
  file: string;
  format?: 'csv' | 'xlsx';
  encoding?: string;
  restart?: boolean;
  /** Show the progress bar (on a terminal). */
  progress?: boolean;
  /** Told once when the command waits for an earlier import's lock to expire. */
  onWait?: (ms: number) => void;
  /**
   * Told how the file is read, whether an earlier run's position is taken up, and when this
   * file's import last finished (a repeated run only shows its counts again), before reading.
   */
  onStart?: (start: { reading: string; resumed: boolean; finishedAt?: string }) => void;
}

export interface ImportOutcome {
  outcome: Exclude<PollResult['outcome'], 'limited'> | 'incomplete';
  /** How the file was read, e.g. "rekap.csv: csv, windows-1252, 11 columns, …". */
  reading: string;
  resumed: boolean;
  tally: ImportState;
  /** Imported rows whose complaint is not in the ledger after ingest (failed jobs): 0 when all went well. */
  notInLedger: number;
  /** Every rejected row of the file so far, in row order. */
  rejects(): Promise<RejectedRow[]>;
  /** Rows merged as true duplicates of an earlier row (same number, same content). */
  duplicates(): Promise<{ row: number; sameAs: number }[]>;
  /** The file's columns, in order: what a rejects file repeats so it can be imported again. */
  columns: string[];
}

/** An operator mistake in the command or its configuration: said plainly, exit 2. */
export class ImportUsageError extends Error {
  override name = 'ImportUsageError';
}

const ROWS_CURSOR = /^rows\.\d+\.([0-9a-f]{16})$/;

/** The channel's configured file-import source, pointed at this file (and format/encoding, when given). */
export function fileSource(
  sources: Config['sources'],
  options: Pick<ImportOptions, 'channel' | 'file' | 'format' | 'encoding'>,
  t: Catalog['cli']['import'],
) {
  const source = sources[options.channel];
  const fileImports = Object.entries(sources)
    .filter(([, s]) => s.kind === 'file-import')
    .map(([n]) => n);
  const known = fileImports.length > 0 ? t.fileImports(fileImports.join(', ')) : t.noFileImports;
  if (!source) throw new ImportUsageError(t.noSource(options.channel, known));
  if (source.kind !== 'file-import') throw new ImportUsageError(t.notFileImport(options.channel, source.kind, known));
  const parsed = definitionOf(source.kind).configSchema.safeParse({
    ...source,
    path: options.file,
    ...(options.format ? { format: options.format } : {}),
    ...(options.encoding ? { encoding: options.encoding } : {}),
  });
  if (!parsed.success)
    throw new ImportUsageError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'source'}: ${i.message}`).join('; '),
    );
  return parsed.data as FileImportConfig;
}

/**
 * A rejects file written by this command (columns `row`, `reason`, then the export's own)
 * has its header in row 1 whatever the channel's layout, so it is read that way: fixed in a
 * spreadsheet, it goes back through the same channel.
 */
async function asRejectsFile(config: FileImportConfig, channel: string): Promise<FileImportConfig> {
  if (formatOf(config) !== 'csv') return config;
  const { dataStartRow: _skip, ...plain } = config;
  const probe = await openRows({ ...plain, headerRow: 1 }, channel).catch(() => undefined);
  const [first, second] = probe?.header ?? [];
  probe?.close();
  return first === 'row' && second === 'reason' ? { ...plain, headerRow: 1 } : config;
}

async function headerOf(config: FileImportConfig, channel: string): Promise<string[]> {
  const rows = await openRows(config, channel);
  rows.close();
  return rows.header;
}

/**
 * The import lane holds one file's position at a time. When it holds another file's, that
 * position is parked with that file's tally (so the other import can resume later) and this
 * file starts from its own parked position, or from its first row.
 */
async function positionFor(
  ctx: CommandContext,
  channel: string,
  fingerprint: string,
  tally: ImportTally,
  restart: boolean,
): Promise<boolean> {
  const { store } = ctx.runtime;
  const saved = await store.cursors.get(channel, 'import');
  const owner = saved === null ? undefined : ROWS_CURSOR.exec(saved)?.[1];
  if (saved !== null && owner === fingerprint && !restart) return true;
  if (saved !== null && owner !== undefined && owner !== fingerprint)
    await store.importTally(channel, owner).park(saved);
  const parked = restart ? undefined : (await tally.state()).parkedCursor;
  if (parked) await store.cursors.set(channel, 'import', parked);
  else await store.cursors.reset(channel, 'import');
  return parked !== undefined;
}

/**
 * A killed import leaves its poll lock until the lease runs out; wait that long rather than
 * fail. False when the lock is still held after that: another import is alive.
 */
async function awaitLock(ctx: CommandContext, channel: string, onWait?: (ms: number) => void): Promise<boolean> {
  const { store, config } = ctx.runtime;
  const lock = pollLockName(channel, 'import');
  const deadline = Date.now() + config.pipeline.pollLockMs + 1000;
  let told = false;
  for (
    let left = await store.lockRemainingMs(lock);
    left > 0 && Date.now() < deadline;
    left = await store.lockRemainingMs(lock)
  ) {
    if (!told) onWait?.(left);
    told = true;
    await new Promise((r) => setTimeout(r, Math.min(left, 500)));
  }
  return (await store.lockRemainingMs(lock)) <= 0;
}

/**
 * Imports a CSV/XLSX export into a configured file-import source: the same pipeline as a
 * poll (pollSource → acceptRecords → ingest), on the source's "import" lane, with every
 * row counted once in a tally kept in Redis. Interrupted, it resumes at the saved row and
 * the tally stays exact (see ImportTally).
 */
export async function runImport(ctx: CommandContext, options: ImportOptions): Promise<ImportOutcome> {
  const { runtime } = ctx;
  const file = resolve(options.file);
  const t = cliText(runtime.config).cli.import;
  const config = await asRejectsFile(fileSource(runtime.config.sources, { ...options, file }, t), options.channel);
  const connector = createConnector(config, {
    name: options.channel,
    logger: runtime.logger,
    clock: runtime.clock,
    secret: () => undefined,
  });
  const [check] = await connector.health();
  if (!check?.ok) {
    await connector.close();
    throw new ImportUsageError(check?.detail ?? t.unreadable(file));
  }
  // This run's connector reads the given file; the runtime closes it with the others.
  await runtime.connectors.get(options.channel)?.close();
  runtime.connectors.set(options.channel, connector);

  const fingerprint = await fingerprintOf(file);
  const tally = runtime.store.importTally(options.channel, fingerprint);
  // Another live import of this channel: touch neither its position nor any counts.
  if (!(await awaitLock(ctx, options.channel, options.onWait))) {
    return {
      outcome: 'skipped',
      reading: check.detail,
      resumed: false,
      tally: await tally.state(),
      notInLedger: 0,
      rejects: () => Promise.resolve([]),
      duplicates: () => Promise.resolve([]),
      columns: [],
    };
  }
  if (options.restart) await tally.reset();
  const resumed = await positionFor(ctx, options.channel, fingerprint, tally, options.restart ?? false);
  const { finishedAt } = await tally.state();
  await tally.begin(file, runtime.clock.now());
  options.onStart?.({ reading: check.detail, resumed, ...(finishedAt ? { finishedAt } : {}) });

  const result = await runPollNow(ctx, options.channel, 'import', options.progress ?? false, {
    beforeAccept: (records) => tally.record(records),
  });
  const interrupted = ctx.lifecycle.isStopping;
  const notInLedger = result.outcome === 'done' && !interrupted ? await tally.importedNotInLedger() : 0;
  // A limited poll here was stopped by Ctrl-C between two of the command's polls.
  let outcome: ImportOutcome['outcome'] =
    (interrupted && result.outcome === 'done') || result.outcome === 'limited' ? 'interrupted' : result.outcome;
  if (outcome === 'done' && notInLedger > 0) outcome = 'incomplete';
  if (outcome === 'done') await tally.finish(runtime.clock.now());
  const columns = (await headerOf(config, options.channel)).filter((c) => c !== 'row' && c !== 'reason');
  return {
    outcome,
    reading: check.detail,
    resumed,
    tally: await tally.state(),
    notInLedger,
    rejects: () => tally.rejects(),
    duplicates: () => tally.duplicates(),
    columns,
  };
}
