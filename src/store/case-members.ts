import type { Redis } from '../redis/client.js';
import { decodeComplaint } from './complaint-doc.js';
import type { LedgerKeys } from './keys.js';

/** The members of many cases in one round trip (a reader of a batch of complaints). */
export async function caseMembersOf(
  redis: Redis,
  keys: LedgerKeys,
  caseIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (caseIds.length === 0) return out;
  const pipeline = redis.pipeline();
  for (const id of caseIds) pipeline.smembers(keys.caseMembers(id));
  const results = (await pipeline.exec()) ?? [];
  caseIds.forEach((id, i) => out.set(id, (results[i]?.[1] as string[] | null) ?? []));
  return out;
}

/** Complaint documents, decoded (null when gone), in the order asked. */
export async function complaintDocs(redis: Redis, keys: LedgerKeys, ids: readonly string[]): Promise<unknown[]> {
  if (ids.length === 0) return [];
  return (await redis.mgetBuffer(ids.map((id) => keys.complaint(id)))).map(decodeComplaint);
}
