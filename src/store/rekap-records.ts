import type { Redis } from '../redis/client.js';
import { DAY_MS } from '../domain/local-date.js';
import type { Complaint, ComplaintOpd, Response } from '../domain/complaint.js';
import { categoryTopic, topicWords } from '../text/topic-words.js';
import { CASE_MEMBERS_LUA } from './case-members.js';
import { complaintBatches } from './complaint-batches.js';
import type { LedgerKeys } from './keys.js';
import { decodeRekapRecord, encodeRekapRecord } from './rekap-record-codec.js';

/**
 * What the rekap and the due lists read of one complaint: the fields they count, without
 * the text (a complaint without a category carries its topic words instead; a rahasia one
 * neither its title nor its words, which no page shows), and of the answers and notes its
 * source sent only the tindak lanjut.
 */
export type RekapRecord = Pick<
  Complaint,
  'id' | 'caseId' | 'source' | 'externalId' | 'title' | 'category' | 'classification' | 'rahasia' | 'reportedAt'
> &
  Pick<Complaint, 'status' | 'pauses'> & {
    opd?: Pick<ComplaintOpd, 'code' | 'id' | 'name' | 'assignedBy'>;
    responses: Pick<Response, 'id' | 'kind' | 'at'>[];
    words?: string[];
  };

export function rekapRecordOf(c: Complaint): RekapRecord {
  const words = c.rahasia || categoryTopic(c.category) ? undefined : topicWords(c.title || c.body);
  return {
    id: c.id,
    caseId: c.caseId,
    source: c.source,
    externalId: c.externalId,
    ...(c.title !== undefined && !c.rahasia ? { title: c.title } : {}),
    ...(c.category ? { category: c.category } : {}),
    ...(c.classification ? { classification: c.classification } : {}),
    ...(c.opd ? { opd: { code: c.opd.code, id: c.opd.id, name: c.opd.name, assignedBy: c.opd.assignedBy } } : {}),
    rahasia: c.rahasia,
    reportedAt: c.reportedAt,
    status: c.status,
    ...(c.pauses ? { pauses: c.pauses } : {}),
    // The SLA clock (src/sla/clock.ts) counts nothing else.
    responses: c.responses.filter((r) => r.kind === 'tindak_lanjut').map((r) => ({ id: r.id, kind: r.kind, at: r.at })),
    ...(words ? { words } : {}),
  };
}

/** The UTC day a report time falls in: the rekap records' bucket (the Lua below computes the same). */
export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/**
 * The arguments the ledger scripts hand to `keep_rekap_record` for a complaint they write:
 * the key prefix of the day buckets, the set of multi-record cases, the case id and the
 * encoded record.
 */
export function rekapRecordArgs(keys: LedgerKeys, c: Complaint): [string, string, string, Buffer] {
  return [keys.rekapDayPrefix(), keys.multiRecordCases(), c.caseId, encodeRekapRecord(rekapRecordOf(c))];
}

/** An hour of report time: the unit the rekap's memoized day summaries are invalidated by (src/rekap/day-summary.ts). */
export const HOUR_MS = 3_600_000;

/**
 * Lua: the one place the ledger's scripts tell the rekap that something it counts changed.
 * `<p>:rekap:versions` (its key is the day prefix's sibling) holds a counter per UTC hour
 * of report time. Counters only grow, so a day's summary is current while their sum over its
 * hours is the one it was computed at (src/rekap/day-summary.ts). The hash is never deleted.
 * A script's bumps are gathered and written by `flush_rekap()`, which every script that bumps
 * calls before it returns: one HMGET and one HSET for all the hours a page touched (the same
 * counts as an HINCRBY each, in one atomic call). Members' report times are one ZMSCORE.
 */
export const BUMP_REKAP = `
${CASE_MEMBERS_LUA}
local rekap_bumps, rekap_bumped = {}, {}
local function rekap_versions(prefix) return string.sub(prefix, 1, -5) .. 'versions' end
local function bump_rekap_hour(versions, ms)
  local hour = string.format('%d', math.floor(tonumber(ms) / ${HOUR_MS}))
  local counts = rekap_bumps[versions]
  if not counts then
    counts = { n = {}, hours = {} }
    rekap_bumps[versions] = counts
    rekap_bumped[#rekap_bumped + 1] = versions
  end
  if not counts.n[hour] then
    counts.n[hour] = 0
    counts.hours[#counts.hours + 1] = hour
  end
  counts.n[hour] = counts.n[hour] + 1
end
local function bump_rekap_members(versions, reported, members)
  for i = 1, #members, 1000 do
    local times = redis.call('zmscore', reported, unpack(members, i, math.min(i + 999, #members)))
    for j = 1, #times do
      if times[j] then bump_rekap_hour(versions, times[j]) end
    end
  end
end
local function bump_rekap_case(versions, reported, case_key)
  bump_rekap_members(versions, reported, case_members(case_key))
end
local function flush_rekap()
  for _, versions in ipairs(rekap_bumped) do
    local counts = rekap_bumps[versions]
    for i = 1, #counts.hours, 1000 do
      local hours = { unpack(counts.hours, i, math.min(i + 999, #counts.hours)) }
      local held = redis.call('hmget', versions, unpack(hours))
      local writes = {}
      for j, hour in ipairs(hours) do
        writes[#writes + 1] = hour
        writes[#writes + 1] = string.format('%d', (tonumber(held[j]) or 0) + counts.n[hour])
      end
      redis.call('hset', versions, unpack(writes))
    end
  end
  rekap_bumps, rekap_bumped = {}, {}
end
`;

/**
 * Lua, called by `keep_rekap_record` for every complaint a ledger script writes: bumps the
 * hour of its report time and, when the time moved, the hour it had (`old_ms`); when it shares
 * its case, the hours of every member (a case is counted at its earliest record, wherever that
 * is). A complaint that moved to another case (`held_case`, the case its stored version names)
 * leaves the old case's set here, in the same call, and the old case's hours are bumped too.
 */
const REKAP_CHANGED = `
${BUMP_REKAP}
local function rekap_changed(prefix, reported, case_key, case_id, id, old_ms, reported_ms, held_case, alone)
  local versions = rekap_versions(prefix)
  bump_rekap_hour(versions, reported_ms)
  if old_ms and math.floor(tonumber(old_ms) / ${HOUR_MS}) ~= math.floor(tonumber(reported_ms) / ${HOUR_MS}) then
    bump_rekap_hour(versions, old_ms)
  end
  if type(held_case) == 'string' and held_case ~= '' and held_case ~= case_id then
    local held_key = string.sub(case_key, 1, #case_key - #case_id) .. held_case
    redis.call('srem', held_key, id)
    bump_rekap_case(versions, reported, held_key)
  end
  if not alone and redis.call('scard', case_key) > 1 then bump_rekap_case(versions, reported, case_key) end
end
`;

/**
 * Lua, included in the ledger's write scripts: the record moves to the day of its report and
 * replaces what was there, in the same call as the document, so the two cannot drift; a case
 * that has had more than one member is marked, so the rekap reads the members of those cases
 * only. `old_ms` is the time the reported index held for the complaint before this write (its
 * day is where the record was filed), false for none; `call` writes (redis.call, or a page's
 * gathered writes); `alone` says the case is known to hold this complaint only (a complaint
 * created in a case of its own id: case ids are always ids of complaints that existed when
 * the case got them), so its size is not asked. The one place the scripts write a rekap day hash.
 * `reported` (the reported index) and `held_case` (the case the stored version names) are
 * for the rekap's change counters (`REKAP_CHANGED`).
 */
export const KEEP_REKAP_RECORD = `
${REKAP_CHANGED}
local function keep_rekap_record(prefix, multi, case_id, record, old_ms, case_key, id, reported_ms, call, alone, reported, held_case)
  local day = math.floor(tonumber(reported_ms) / ${DAY_MS})
  if old_ms then
    local was = math.floor(tonumber(old_ms) / ${DAY_MS})
    if was ~= day then call('hdel', prefix .. was, id) end
  end
  call('hset', prefix .. day, id, record)
  if not alone and redis.call('scard', case_key) > 1 then call('sadd', multi, case_id) end
  rekap_changed(prefix, reported, case_key, case_id, id, old_ms, reported_ms, held_case, alone)
end
`;

/**
 * KEYS: reported index, multi-record cases; ARGV: day prefix, then per complaint: id,
 * reportedAtMs, case key, case id, record. A record is filed only where none is (a ledger
 * write since has filed its own) and only while the reported index still holds the time it
 * was read with (else a newer version moved it): a build racing the writers never puts an
 * older version back.
 */
const FILE_IF_ABSENT = `
${BUMP_REKAP}
local prefix = ARGV[1]
local versions = rekap_versions(prefix)
for a = 2, #ARGV, 5 do
  local id, ms = ARGV[a], ARGV[a + 1]
  local held = redis.call('zscore', KEYS[1], id)
  if held and tonumber(held) == tonumber(ms) then
    if redis.call('hsetnx', prefix .. math.floor(tonumber(ms) / ${DAY_MS}), id, ARGV[a + 4]) == 1 then
      bump_rekap_hour(versions, ms)
    end
    if redis.call('scard', ARGV[a + 2]) > 1 then
      redis.call('sadd', KEYS[2], ARGV[a + 3])
      bump_rekap_case(versions, KEYS[1], ARGV[a + 2])
    end
  end
end
flush_rekap()
return 1
`;

export const REKAP_RECORDS_BUILT = 'rekap-records';
const BUILD_BATCH = 500;
/** Days read per round trip: a week of records in memory at a time. */
const DAYS_PER_READ = 7;

/** The records of part of a period, in reported order (time, then id, as the reported index orders them). */
export interface RekapRecordBatch {
  records: RekapRecord[];
  /** Entries present but not readable as records, left out. */
  unreadable: number;
}

/**
 * The rekap's records by day of report, kept by the ledger scripts with every write
 * (`KEEP_REKAP_RECORD`): a period's rekap reads the records of its days and nothing else.
 * A ledger written before they existed gets them once, on first use.
 */
export class RekapRecords {
  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
    private readonly ensureReported: () => Promise<void>,
  ) {}

  /** Files a record for every complaint that has none (idempotent; a marker says it was done). */
  async ensureBuilt(): Promise<void> {
    // The reported index tells the build which version a record was read from.
    await this.ensureReported();
    if ((await this.redis.get(this.keys.meta(REKAP_RECORDS_BUILT))) === 'v1') return;
    await this.rebuild();
  }

  /** Walks the whole ledger and files what is missing; returns the complaints read. */
  async rebuild(): Promise<number> {
    await this.ensureReported();
    let read = 0;
    for await (const batch of complaintBatches(this.redis, this.keys, { receivedFromMs: 0, batchSize: BUILD_BATCH })) {
      const args: (string | Buffer)[] = [this.keys.rekapDayPrefix()];
      for (const { id, doc } of batch) {
        const c = complaintOf(doc);
        if (!c) continue;
        read += 1;
        const [, , caseId, record] = rekapRecordArgs(this.keys, c);
        args.push(id, String(Date.parse(c.reportedAt)), this.keys.caseMembers(caseId), caseId, record);
      }
      if (args.length > 1)
        await this.redis.eval(FILE_IF_ABSENT, 2, this.keys.reportedIndex(), this.keys.multiRecordCases(), ...args);
    }
    await this.redis.set(this.keys.meta(REKAP_RECORDS_BUILT), 'v1');
    return read;
  }

  /**
   * The records reported in [fromMs, toMs), a few days at a time, each batch in reported
   * order: one pipelined HVALS per day.
   */
  async *between(fromMs: number, toMs: number): AsyncGenerator<RekapRecordBatch> {
    const last = dayOf(toMs - 1);
    for (let first = dayOf(fromMs); first <= last; first += DAYS_PER_READ) {
      const days: number[] = [];
      for (let day = first; day <= Math.min(last, first + DAYS_PER_READ - 1); day++) days.push(day);
      const read = await this.ofDays(days);
      const records = read.flatMap((d) => d.records).filter((r) => r.ms >= fromMs && r.ms < toMs);
      yield { records: inReportedOrder(records), unreadable: read.reduce((n, d) => n + d.unreadable, 0) };
    }
  }

  /** The records filed under each of these UTC days (in no order), with their report times, in one pipelined call. */
  async ofDays(days: readonly number[]): Promise<{ day: number; records: TimedRecord[]; unreadable: number }[]> {
    const pipeline = this.redis.pipeline();
    for (const day of days) pipeline.hvalsBuffer(this.keys.rekapDay(day));
    const replies = (await pipeline.exec()) ?? [];
    return days.map((day, i) => {
      const records: TimedRecord[] = [];
      let unreadable = 0;
      for (const stored of (replies[i]?.[1] as Buffer[] | null) ?? []) {
        const record = decodeRekapRecord(stored);
        const ms = record ? Date.parse(record.reportedAt) : NaN;
        if (!record || !Number.isFinite(ms)) unreadable += 1;
        else records.push({ record, ms });
      }
      return { day, records, unreadable };
    });
  }

  /** Some records by complaint id, each looked up in the UTC day it was filed under (missing ones left out). */
  async byId(wanted: readonly { id: string; day: number }[]): Promise<RekapRecord[]> {
    if (wanted.length === 0) return [];
    const stored = await wanted
      .reduce((p, w) => p.hgetBuffer(this.keys.rekapDay(w.day), w.id), this.redis.pipeline())
      .exec();
    return (stored ?? []).flatMap(([, bytes]) => {
      const record = Buffer.isBuffer(bytes) ? decodeRekapRecord(bytes) : undefined;
      return record ? [record] : [];
    });
  }

  /** Which of these cases have had more than one complaint, in one call. */
  async multiRecord(caseIds: readonly string[]): Promise<Set<string>> {
    if (caseIds.length === 0) return new Set();
    const flags = await this.redis.smismember(this.keys.multiRecordCases(), ...caseIds);
    return new Set(caseIds.filter((_, i) => flags[i] === 1));
  }
}

/** A record with its report time (ms). */
export interface TimedRecord {
  record: RekapRecord;
  ms: number;
}

/** Records in reported order: time, then id, as the reported index orders them. */
export function inReportedOrder(records: TimedRecord[]): RekapRecord[] {
  records.sort((a, b) => a.ms - b.ms || (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0));
  return records.map((r) => r.record);
}

/** A stored document, decoded (complaint-doc.ts), as a complaint; undefined when it cannot be read as one. */
export function complaintOf(doc: unknown): Complaint | undefined {
  const value = doc as Complaint | null;
  return typeof value?.id === 'string' && typeof value.reportedAt === 'string' && Array.isArray(value.responses)
    ? value
    : undefined;
}
