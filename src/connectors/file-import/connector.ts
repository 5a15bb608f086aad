import { ConnectorError, isConnectorError } from '../../domain/failures.js';
import type { Connector, ConnectorContext, HealthCheckResult, PulledRecord, PullPage } from '../types.js';
import { statusLookup } from '../common/status-lookup.js';
import { resolveColumns, type ColumnIndex } from './columns.js';
import { formatOf, type FileImportConfig } from './config.js';
import { fingerprintOf } from './fingerprint.js';
import { mapRow } from './map.js';
import { openRows, type Cell, type RowStream } from './rows.js';

/**
 * A historical export as a source. The cursor is the number of data rows already returned
 * (plus the file's fingerprint), so the pipeline's durable cursor makes an import resumable:
 * after a crash the file is reopened and skipped to that row. Between pulls the open stream
 * is kept, so a sequential import reads the file once, one page in memory at a time.
 */
const CURSOR = /^rows\.(\d+)\.([0-9a-f]{16})$/;

interface Session {
  stream: RowStream;
  columns: ColumnIndex;
  fingerprint: string;
  /** Data rows consumed so far. */
  position: number;
  /** One row read ahead, to know that a page is the last. */
  ahead: Cell[] | undefined;
}

const blank = (row: readonly Cell[]) =>
  row.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));

export function createFileImportConnector(config: FileImportConfig, context: ConnectorContext): Connector {
  const system = context.name;
  const status = statusLookup(config.statusMap);
  let session: Session | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  async function nextRow(s: Session): Promise<Cell[] | undefined> {
    for (;;) {
      const row = await s.stream.next();
      if (row === undefined || !blank(row)) return row;
    }
  }

  function release(): void {
    session?.stream.close();
    session = undefined;
  }

  async function open(offset: number, fingerprint: string): Promise<Session> {
    release();
    const stream = await openRows(config, system);
    const s: Session = { stream, columns: {}, fingerprint, position: 0, ahead: undefined };
    try {
      s.columns = resolveColumns(stream.header, config.columns, system);
      while (s.position < offset && (await nextRow(s)) !== undefined) s.position++;
      s.ahead = await nextRow(s);
    } catch (err) {
      stream.close();
      throw err;
    }
    context.logger.info({ format: formatOf(config), encoding: stream.encoding, offset }, 'opened import file');
    session = s;
    return s;
  }

  async function pullOnce(cursor: string | null): Promise<PullPage> {
    const fingerprint = await fingerprintOf(config.path).catch((err: unknown) => {
      throw new ConnectorError(
        'NOT_FOUND',
        `${system}: cannot read ${config.path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
        { cause: err },
      );
    });
    let offset = 0;
    if (cursor !== null) {
      const m = CURSOR.exec(cursor);
      if (!m)
        throw new ConnectorError('CURSOR_INVALID', `${system}: "${cursor.slice(0, 40)}" is not a file-import cursor`);
      if (m[2] !== fingerprint)
        throw new ConnectorError(
          'CURSOR_INVALID',
          `${system}: ${config.path} changed since the cursor was saved; reset the cursor to import it again`,
        );
      offset = Number(m[1]);
    }
    const s =
      session && session.fingerprint === fingerprint && session.position === offset
        ? session
        : await open(offset, fingerprint);
    const now = context.clock.now();
    const records: PulledRecord[] = [];
    while (records.length < config.pageSize && s.ahead !== undefined) {
      s.position++;
      records.push(mapRow(s.ahead, s.position, { config, columns: s.columns, header: s.stream.header, now, status }));
      s.ahead = await nextRow(s);
    }
    const done = s.ahead === undefined;
    const nextCursor = `rows.${s.position}.${fingerprint}`;
    // The file is finished: let go of it rather than hold a descriptor until the next tick.
    if (done) release();
    return { records, nextCursor, done };
  }

  async function health(): Promise<HealthCheckResult[]> {
    try {
      const stream = await openRows(config, system);
      try {
        resolveColumns(stream.header, config.columns, system);
        return [
          {
            check: 'file',
            ok: true,
            detail: `${config.path}: ${formatOf(config)}, ${stream.encoding}, ${stream.header.length} columns, every configured column found`,
          },
        ];
      } finally {
        stream.close();
      }
    } catch (err) {
      return [
        { check: 'file', ok: false, detail: isConnectorError(err) ? `${err.code}: ${err.message}` : String(err) },
      ];
    }
  }

  return {
    name: system,
    kind: 'file-import',
    classifies: config.columns.classification !== undefined || config.defaultClassification !== undefined,
    // Pulls of one source are sequential in the pipeline; the queue keeps them so if a caller does not.
    pull(cursor) {
      const run = queue.then(() => pullOnce(cursor));
      queue = run.catch(() => {
        release();
      });
      return run;
    },
    mapRaw(raw) {
      // The quarantine keeps a row as header → value; rebuild the row from it.
      const object = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
      const header = Object.keys(object).filter((k) => k !== '_row');
      const rowNumber = typeof object._row === 'number' ? object._row : 0;
      try {
        const columns = resolveColumns(header, config.columns, system);
        return mapRow(
          header.map((h) => object[h] as Cell),
          rowNumber,
          { config, columns, header, now: context.clock.now(), status },
        );
      } catch (err) {
        return { ok: false, raw, reason: `row ${rowNumber}: ${err instanceof Error ? err.message : String(err)}` };
      }
    },
    // An export has no date index: a backfill reads the file from its first row.
    cursorSince: () => null,
    health,
    close() {
      release();
      return Promise.resolve();
    },
  };
}
