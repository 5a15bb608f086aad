import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

const issued = new Set<string>();

/** A key prefix of this run's own on a shared Redis, remembered so an interrupted run can still clean up. */
export function benchPrefix(label: string): string {
  const prefix = `lbbench-${label}-${randomBytes(4).toString('hex')}`;
  issued.add(prefix);
  return prefix;
}

export function issuedPrefixes(): string[] {
  return [...issued];
}

/** Deletes the keys of every prefix this process issued (idempotent: deleting twice finds nothing). */
export async function deleteIssuedPrefixes(redis: Redis): Promise<number> {
  let deleted = 0;
  for (const prefix of issued) deleted += await deletePrefix(redis, prefix);
  return deleted;
}

/** The patterns that hold every key of a prefix: the store's `<p>:…` and BullMQ's `{<p>}:…`. */
export function prefixPatterns(prefix: string): string[] {
  return [`${prefix}:*`, `{${prefix}}:*`];
}

/** Visits every key of a prefix in batches (SCAN, never KEYS). */
export async function scanPrefix(
  redis: Redis,
  prefix: string,
  visit: (keys: string[]) => Promise<void>,
): Promise<void> {
  for (const pattern of prefixPatterns(prefix)) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await visit(keys);
    } while (cursor !== '0');
  }
}

/** Deletes only this prefix's keys (UNLINK: freed in the background). Never FLUSHDB. */
export async function deletePrefix(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  await scanPrefix(redis, prefix, async (keys) => {
    deleted += await redis.unlink(...keys);
  });
  return deleted;
}
