import type { Redis } from '../redis/client.js';
import type { LedgerKeys } from './keys.js';
import { LuaScript } from './lua-script.js';

/** One line of the append-only audit stream: who did what to which complaint, and why. */
export interface AuditEntry {
  who: string;
  what: string;
  why: string;
  complaintId?: string;
  detail?: Record<string, unknown>;
}

/** Streams are capped approximately so an old deployment does not grow without bound. */
const AUDIT_MAXLEN = 1_000_000;
export const SYNC_RUNS_MAXLEN = 100_000;

export function auditFields(entry: AuditEntry, at: Date): string[] {
  const fields = ['at', at.toISOString(), 'who', entry.who, 'what', entry.what, 'why', entry.why];
  if (entry.complaintId) fields.push('complaint', entry.complaintId);
  if (entry.detail) fields.push('detail', JSON.stringify(entry.detail));
  return fields;
}

/**
 * Kept per complaint beside the global stream, so a complaint's page reads its own trail
 * only: a list, newest first, of each entry's stream id and fields as JSON, but for the
 * complaint its key names (a stream per complaint would take a 4 KB node for its first
 * entry), trimmed back to this length once it passes it by a few.
 */
const COMPLAINT_TRAIL_MAX = 500;

/**
 * Lua for scripts that append an audit entry with their own writes: `append_audit(stream,
 * complaint_trail, first, last)` adds ARGV[first..last] (the fields of `auditArgs`) to the
 * global stream and, unless `complaint_trail` is false, to the complaint's trail.
 */
export const APPEND_AUDIT = `
local function append_audit(stream, complaint_trail, first, last)
  local id = redis.call('xadd', stream, 'MAXLEN', '~', ${AUDIT_MAXLEN}, '*', unpack(ARGV, first, last))
  if complaint_trail then
    -- The trail's key names the complaint: its entries leave that field out.
    local entry = { id }
    for i = first, last - 1, 2 do
      if ARGV[i] ~= 'complaint' then
        entry[#entry + 1] = ARGV[i]
        entry[#entry + 1] = ARGV[i + 1]
      end
    end
    if redis.call('lpush', complaint_trail, cjson.encode(entry)) > ${COMPLAINT_TRAIL_MAX + 20} then
      redis.call('ltrim', complaint_trail, 0, ${COMPLAINT_TRAIL_MAX - 1})
    end
  end
end
`;

/**
 * A page's audit entries of one kind (what dedup found for each complaint of an ingest page):
 * each complaint keeps its own entry in its trail, and the global stream gets one entry for
 * the page whose detail lists them (`entries`: complaint, why, detail), instead of one each.
 */
export interface PageAudit {
  who: string;
  what: string;
  /** The page entry's reason; each complaint's entry has its own. */
  why: string;
  entries: { complaintId: string; why: string; detail: Record<string, unknown> }[];
}

/** A PageAudit as `append_audit_page` takes it (decoded by cjson), `trail` the 1-based index of each complaint's trail key. */
export interface PageAuditArg {
  fields: string[];
  parts: { trail: number; fields: string[]; line: string }[];
}

/**
 * Encodes a PageAudit for a script whose KEYS are `scriptKeys` (the keys before the trails
 * and the trails added so far): a complaint's trail key is added once however many entries it
 * gets, so its entries go to its trail in one LPUSH.
 */
export function pageAuditArg(keys: LedgerKeys, page: PageAudit, at: Date, scriptKeys: string[]): PageAuditArg {
  const stamp = at.toISOString();
  return {
    fields: ['at', stamp, 'who', page.who, 'what', page.what, 'why', page.why],
    parts: page.entries.map(({ complaintId, why, detail }) => {
      const trail = keys.complaintTrail(complaintId);
      let index = scriptKeys.indexOf(trail);
      if (index < 0) index = scriptKeys.push(trail) - 1;
      return {
        trail: index + 1,
        // The trail's key names the complaint: its entry leaves that field out.
        fields: auditFields({ who: page.who, what: page.what, why, detail }, at),
        line: JSON.stringify({ complaint: complaintId, why, detail }),
      };
    }),
  };
}

/**
 * Lua for scripts that append a page's audit entries (PageAuditArg, decoded) with their own
 * writes: `append_audit_page(stream, page, keep)` adds the page's stream entry, listing the
 * parts `keep(i)` keeps (all when nil; nothing when none is kept), and gathers each kept
 * part's entry for its trail; `flush_trails()` then writes each trail in one LPUSH.
 */
export const APPEND_AUDIT_PAGE = `
local trail_entries, trail_order = {}, {}
local function append_audit_page(stream, page, keep)
  local kept, lines = {}, {}
  for i, part in ipairs(page.parts) do
    if keep == nil or keep(i) then
      kept[#kept + 1] = part
      lines[#lines + 1] = part.line
    end
  end
  if #kept == 0 then return end
  local fields = {}
  for i, f in ipairs(page.fields) do fields[i] = f end
  fields[#fields + 1] = 'detail'
  fields[#fields + 1] = '{"entries":[' .. table.concat(lines, ',') .. ']}'
  local id = redis.call('xadd', stream, 'MAXLEN', '~', ${AUDIT_MAXLEN}, '*', unpack(fields))
  for _, part in ipairs(kept) do
    local key = KEYS[part.trail]
    local entry = { id }
    for _, f in ipairs(part.fields) do entry[#entry + 1] = f end
    if not trail_entries[key] then
      trail_entries[key] = {}
      trail_order[#trail_order + 1] = key
    end
    local pending = trail_entries[key]
    pending[#pending + 1] = cjson.encode(entry)
  end
end
local function flush_trails()
  for _, key in ipairs(trail_order) do
    if redis.call('lpush', key, unpack(trail_entries[key])) > ${COMPLAINT_TRAIL_MAX + 20} then
      redis.call('ltrim', key, 0, ${COMPLAINT_TRAIL_MAX - 1})
    end
  end
end
`;

/**
 * Lua for a page's entries that go to the global stream only (an ingest page's `created` and
 * `updated`): `note_audit(first, last)` takes one complaint's entry (ARGV[first..last], the
 * fields of `auditFields`, naming a complaint), `flush_audit(stream)` adds one stream entry
 * per who and what, its detail listing each complaint with its reason and detail (the reason
 * left out where it is the entry's own): `{"entries":[{"complaint":…}]}`, as `entryComplaints`
 * reads it. About a sixth of an entry per complaint.
 */
export const AUDIT_BY_PAGE = `
local audit_groups, audit_order = {}, {}
local function note_audit(first, last)
  local f = { unpack(ARGV, first, last) }
  audit_groups[f[4]] = audit_groups[f[4]] or {}
  local g = audit_groups[f[4]][f[6]]
  if not g then
    g = { at = f[2], who = f[4], what = f[6], why = f[8], same = true, parts = {} }
    audit_groups[f[4]][f[6]] = g
    audit_order[#audit_order + 1] = g
  end
  if f[8] ~= g.why then g.same = false end
  g.parts[#g.parts + 1] = { complaint = f[10], why = f[8], detail = f[12] }
end
local function flush_audit(stream)
  for _, g in ipairs(audit_order) do
    local lines = {}
    for i, p in ipairs(g.parts) do
      local line = '{"complaint":' .. cjson.encode(p.complaint)
      if not g.same then line = line .. ',"why":' .. cjson.encode(p.why) end
      if p.detail then line = line .. ',"detail":' .. p.detail end
      lines[i] = line .. '}'
    end
    local why = g.same and g.why or (#g.parts .. ' complaints, each with its reason')
    redis.call('xadd', stream, 'MAXLEN', '~', ${AUDIT_MAXLEN}, '*', 'at', g.at, 'who', g.who, 'what', g.what,
      'why', why, 'detail', '{"entries":[' .. table.concat(lines, ',') .. ']}')
  end
end
`;

/**
 * The complaints an entry names, in its order and as often as it names them: its own
 * `complaint`, or those a page's entry lists in its detail (`{"entries":[{"complaint":…}]}`).
 */
export function entryComplaints(fields: Record<string, string | undefined>): string[] {
  if (fields.complaint) return [fields.complaint];
  if (!fields.detail) return [];
  try {
    const detail = JSON.parse(fields.detail) as { entries?: { complaint?: unknown }[] };
    const ids = (Array.isArray(detail?.entries) ? detail.entries : []).map((p) => p?.complaint);
    return ids.filter((id): id is string => typeof id === 'string' && id !== '');
  } catch {
    return [];
  }
}

/** The keys an entry goes to: the global stream, and the complaint's trail when it names one. */
export function auditKeys(keys: LedgerKeys, entry: AuditEntry): string[] {
  return entry.complaintId ? [keys.audit(), keys.complaintTrail(entry.complaintId)] : [keys.audit()];
}

const APPEND = new LuaScript(`${APPEND_AUDIT}
append_audit(KEYS[1], KEYS[2] or false, 1, #ARGV)
`);

/** One call for both streams (a script: no MULTI, whose client-side cost is many times a command's). */
export async function appendAudit(redis: Redis, keys: LedgerKeys, entry: AuditEntry, at: Date): Promise<void> {
  await APPEND.run(redis, auditKeys(keys, entry), auditFields(entry, at));
}

export interface SyncRun {
  source: string;
  lane: string;
  slot: string;
  startedAt: string;
  finishedAt: string;
  pages: number;
  records: number;
  invalid: number;
  /** Records the ledger already held unchanged (not ingested again). */
  unchanged?: number;
  /** Writes the push stage made to this source since its previous run ended: accepted, and failed (src/store/push-tally.ts). */
  pushed?: number;
  failed?: number;
  outcome: 'done' | 'limited' | 'interrupted' | 'failed' | 'skipped';
  error?: string;
  /** The failure's code (ConnectorError code, or INTERNAL), for the explanation people read. */
  errorCode?: string;
}

export function syncRunFields(run: SyncRun): string[] {
  return Object.entries(run).flatMap(([k, v]) => [k, String(v)]);
}

export async function appendSyncRun(redis: Redis, keys: LedgerKeys, run: SyncRun): Promise<void> {
  await redis.xadd(keys.syncRuns(), 'MAXLEN', '~', SYNC_RUNS_MAXLEN, '*', ...syncRunFields(run));
}

export interface StreamEntry {
  id: string;
  fields: Record<string, string>;
}

export async function readStream(redis: Redis, key: string, count: number): Promise<StreamEntry[]> {
  const entries = await redis.xrevrange(key, '+', '-', 'COUNT', count);
  return entries.map(([id, flat]) => entryOf(id, flat));
}

function entryOf(id: string, flat: readonly string[]): StreamEntry {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
  return { id, fields };
}

/** Stream ids in time order ("ms-seq"). */
function newerFirst(a: StreamEntry, b: StreamEntry): number {
  const [am, as] = a.id.split('-').map(Number) as [number, number];
  const [bm, bs] = b.id.split('-').map(Number) as [number, number];
  return bm - am || bs - as;
}

/**
 * A complaint's newest trail entries: its list, and the stream per complaint that trails
 * were kept in before (read, never written), in one round trip.
 */
export async function readComplaintTrail(
  redis: Redis,
  keys: LedgerKeys,
  complaintId: string,
  count: number,
): Promise<StreamEntry[]> {
  const [listed, streamed] = (await redis
    .pipeline()
    .lrange(keys.complaintTrail(complaintId), 0, count - 1)
    .xrevrange(keys.complaintAudit(complaintId), '+', '-', 'COUNT', count)
    .exec()) ?? [
    [null, []],
    [null, []],
  ];
  if (listed?.[0]) throw listed[0];
  if (streamed?.[0]) throw streamed[0];
  const entries = [
    ...((listed?.[1] ?? []) as string[]).map((text) => {
      const [id, ...flat] = JSON.parse(text) as string[];
      const entry = entryOf(id!, flat);
      // Entries written since the trail left out the complaint its key names get it back.
      entry.fields.complaint ??= complaintId;
      return entry;
    }),
    ...((streamed?.[1] ?? []) as [string, string[]][]).map(([id, flat]) => entryOf(id, flat)),
  ];
  return entries.sort(newerFirst).slice(0, count);
}
