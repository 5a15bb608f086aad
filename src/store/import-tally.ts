import type { Redis } from '../redis/client.js';
import type { PulledRecord } from '../connectors/types.js';
import { contentHashOf } from '../domain/complaint.js';
import type { LedgerKeys } from './keys.js';

/** What became of a file's rows; `imported + known + repeated + rejected` is every row read. */
export interface ImportCounts {
  /** Rows whose number was new to the ledger: each becomes one new complaint. */
  imported: number;
  /** Rows whose number the ledger already held before this import (an earlier import, a poll). */
  known: number;
  /** Rows whose number and content an earlier row of this file already had (true duplicates, listed). */
  repeated: number;
  /** Rows the mapping refused (kept in quarantine and listed in the rejects file). */
  rejected: number;
}

export interface ImportState extends ImportCounts {
  /** Data rows counted so far (the highest row number seen). */
  rows: number;
  file?: string;
  startedAt?: string;
  finishedAt?: string;
  /** Where reading of this file stopped when another file took the import lane. */
  parkedCursor?: string;
}

export interface RejectedRow {
  row: number;
  reason: string;
  raw: unknown;
}

/** Long enough to finish an interrupted import after a holiday; the rejects hold raw rows. */
const KEEP_SECONDS = 30 * 24 * 3600;

/**
 * Counts rows once, in row order, however often a page is read: rows at or below the mark
 * were counted already (a re-read after a crash), the rest are classified against the
 * ledger and against this file's earlier rows, in one script so a kill never splits a page.
 * A row whose number an earlier row of the file has is a true duplicate when its content
 * is the same (listed), and rejected when it is not: it is never folded into the other.
 * KEYS: tally, ids (number → "row:n|k:content"), rejects (row → JSON), the ledger's id map,
 * duplicates (row → earlier row).
 * ARGV: seconds to keep, then per row: number, external id, "1" if valid, content hash, reject JSON or raw JSON.
 * Returns, flat, the rows refused here and their reasons (again on a re-read).
 */
const TALLY = `
local mark = tonumber(redis.call('hget', KEYS[1], 'rows') or '0')
local add = { imported = 0, known = 0, repeated = 0, rejected = 0 }
local refused = {}
for i = 2, #ARGV, 5 do
  local row = tonumber(ARGV[i])
  local id = ARGV[i + 1]
  local valid = ARGV[i + 2] == '1'
  local hash = ARGV[i + 3]
  if row > mark then
    local prev = valid and redis.call('hget', KEYS[2], id)
    if not valid then
      redis.call('hset', KEYS[3], row, ARGV[i + 4])
      add.rejected = add.rejected + 1
    elseif prev then
      local prow, phash = string.match(prev, '^(%d+):%a:(.*)$')
      if phash == hash then
        redis.call('hset', KEYS[5], row, prow)
        add.repeated = add.repeated + 1
      else
        local reason = 'row ' .. row .. ': number ' .. id .. ' is also row ' .. prow .. ', with other content; give one of them its own number (or list the number in placeholderNumbers)'
        redis.call('hset', KEYS[3], row, '{"row":' .. row .. ',"reason":' .. cjson.encode(reason) .. ',"raw":' .. ARGV[i + 4] .. '}')
        add.rejected = add.rejected + 1
        table.insert(refused, row)
        table.insert(refused, reason)
      end
    elseif redis.call('hexists', KEYS[4], id) == 1 then
      redis.call('hset', KEYS[2], id, row .. ':k:' .. hash)
      add.known = add.known + 1
    else
      redis.call('hset', KEYS[2], id, row .. ':n:' .. hash)
      add.imported = add.imported + 1
    end
    mark = row
  elseif valid then
    local again = redis.call('hget', KEYS[3], row)
    if again then
      table.insert(refused, row)
      table.insert(refused, cjson.decode(again).reason)
    end
  end
end
for field, n in pairs(add) do
  if n > 0 then redis.call('hincrby', KEYS[1], field, n) end
end
redis.call('hset', KEYS[1], 'rows', mark)
for _, k in ipairs({ 1, 2, 3, 5 }) do redis.call('expire', KEYS[k], ARGV[1]) end
return refused
`;

const rowOf = (record: PulledRecord): number => {
  const row = (record.raw as { _row?: unknown } | null)?._row;
  if (typeof row !== 'number')
    throw new Error('an imported record carries no row number (_row); only file-import sources can be imported');
  return row;
};

/** The tally of one file's import into one source, kept in Redis so a re-run continues it. */
export class ImportTally {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
    private readonly source: string,
    fingerprint: string,
  ) {
    this.key = keys.importRun(source, fingerprint);
  }

  private get all(): [string, string, string, string] {
    return [this.key, `${this.key}:ids`, `${this.key}:rejects`, `${this.key}:dups`];
  }

  /**
   * Counts a page before it is stored; a page counted before (a re-read) changes nothing.
   * Returns the page with the rows refused here (a number repeated with other content) as
   * rejected records, so they go to quarantine and not over the earlier row's complaint.
   */
  async record(records: readonly PulledRecord[]): Promise<PulledRecord[]> {
    if (records.length === 0) return [];
    const args = records.flatMap((r) => [
      String(rowOf(r)),
      r.externalId ?? '',
      r.ok ? '1' : '0',
      r.ok ? contentHashOf(r.draft) : '',
      r.ok
        ? JSON.stringify(r.raw)
        : JSON.stringify({ row: rowOf(r), reason: r.reason, raw: r.raw } satisfies RejectedRow),
    ]);
    const [tally, ids, rejects, dups] = this.all;
    const refused = (await this.redis.eval(
      TALLY,
      5,
      tally,
      ids,
      rejects,
      this.keys.externalIds(this.source),
      dups,
      String(KEEP_SECONDS),
      ...args,
    )) as (string | number)[];
    const reasons = new Map<number, string>();
    for (let i = 0; i < refused.length; i += 2) reasons.set(Number(refused[i]), String(refused[i + 1]));
    if (reasons.size === 0) return [...records];
    return records.map((r) => {
      const reason = r.ok ? reasons.get(rowOf(r)) : undefined;
      return reason === undefined ? r : { ok: false, externalId: r.externalId, raw: r.raw, reason };
    });
  }

  /** Rows merged as true duplicates of an earlier row of the file (same number, same content), in row order. */
  async duplicates(): Promise<{ row: number; sameAs: number }[]> {
    const flat = await this.redis.hgetall(`${this.key}:dups`);
    return Object.entries(flat)
      .map(([row, sameAs]) => ({ row: Number(row), sameAs: Number(sameAs) }))
      .sort((a, b) => a.row - b.row);
  }

  async state(): Promise<ImportState> {
    const h = await this.redis.hgetall(this.key);
    const n = (field: string) => Number(h[field] ?? 0);
    return {
      rows: n('rows'),
      imported: n('imported'),
      known: n('known'),
      repeated: n('repeated'),
      rejected: n('rejected'),
      ...(h.file ? { file: h.file } : {}),
      ...(h.startedAt ? { startedAt: h.startedAt } : {}),
      ...(h.finishedAt ? { finishedAt: h.finishedAt } : {}),
      ...(h.parkedCursor ? { parkedCursor: h.parkedCursor } : {}),
    };
  }

  /** Marks a (re)start of reading: the file it came from, when it first started, and not finished. */
  async begin(file: string, at: Date): Promise<void> {
    await this.redis
      .multi()
      .hset(this.key, 'file', file)
      .hsetnx(this.key, 'startedAt', at.toISOString())
      .hdel(this.key, 'finishedAt', 'parkedCursor')
      .expire(this.key, KEEP_SECONDS)
      .exec();
  }

  /** Keeps where reading stopped, when another file takes the import lane (only for a file with a tally). */
  async park(cursor: string): Promise<void> {
    if ((await this.redis.exists(this.key)) === 1) await this.redis.hset(this.key, 'parkedCursor', cursor);
  }

  /** The file is read and every imported row is in the ledger; its id list is no longer needed. */
  async finish(at: Date): Promise<void> {
    await this.redis.multi().hset(this.key, 'finishedAt', at.toISOString()).del(`${this.key}:ids`).exec();
  }

  async reset(): Promise<void> {
    await this.redis.del(...this.all);
  }

  /** Rows counted as imported whose complaint the ledger does not hold (yet): ingest still running, or failed. */
  async importedNotInLedger(): Promise<number> {
    let missing = 0;
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscan(`${this.key}:ids`, cursor, 'COUNT', 1000);
      cursor = next;
      const ids = flat.filter((_v, i) => i % 2 === 0 && flat[i + 1]!.includes(':n:'));
      if (ids.length === 0) continue;
      const held = await this.redis.hmget(this.keys.externalIds(this.source), ...ids);
      missing += held.filter((v) => v === null).length;
    } while (cursor !== '0');
    return missing;
  }

  /** Rejected rows in row order. */
  async rejects(): Promise<RejectedRow[]> {
    const all = await this.redis.hvals(`${this.key}:rejects`);
    return all.map((v) => JSON.parse(v) as RejectedRow).sort((a, b) => a.row - b.row);
  }
}
