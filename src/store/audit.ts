import type { Redis } from 'ioredis';
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

/** Kept per complaint beside the global stream, so a complaint's page reads its own trail only. */
const COMPLAINT_AUDIT_MAXLEN = 500;

/**
 * Lua for scripts that append an audit entry with their own writes: `append_audit(stream,
 * complaint_stream, first, last)` adds ARGV[first..last] (the fields of `auditArgs`) to the
 * global stream and, unless `complaint_stream` is false, to the complaint's.
 */
export const APPEND_AUDIT = `
local function append_audit(stream, complaint_stream, first, last)
  redis.call('xadd', stream, 'MAXLEN', '~', ${AUDIT_MAXLEN}, '*', unpack(ARGV, first, last))
  if complaint_stream then
    redis.call('xadd', complaint_stream, 'MAXLEN', '~', ${COMPLAINT_AUDIT_MAXLEN}, '*', unpack(ARGV, first, last))
  end
end
`;

/** The keys an entry goes to: the global stream, and the complaint's when it names one. */
export function auditKeys(keys: LedgerKeys, entry: AuditEntry): string[] {
  return entry.complaintId ? [keys.audit(), keys.complaintAudit(entry.complaintId)] : [keys.audit()];
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
  return entries.map(([id, flat]) => {
    const fields: Record<string, string> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
    return { id, fields };
  });
}
