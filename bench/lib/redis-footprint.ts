import type { Redis } from 'ioredis';
import { scanPrefix } from './redis-prefix.js';

export interface KindFootprint {
  kind: string;
  keys: number;
  bytes: number;
}

/** Kinds shown by their second part too: "dedup buckets", "rekap day". */
const BY_TWO_PARTS = new Set(['dedup', 'rekap']);

/** "complaint" for `<p>:complaint:…`, "dedup docs" for `<p>:dedup:docs`, "queue ingest" for BullMQ's `{<p>}:ingest:…`. */
function kindOf(prefix: string, key: string): string {
  if (key.startsWith(`{${prefix}}:`)) return `queue ${key.slice(prefix.length + 3).split(':')[0]}`;
  const parts = key.slice(prefix.length + 1).split(':');
  return BY_TWO_PARTS.has(parts[0]!) && parts[1] ? `${parts[0]} ${parts[1]}` : (parts[0] ?? key);
}

/**
 * Bytes Redis uses for this prefix's keys, by kind (MEMORY USAGE, exact for collections).
 * The server is shared, so INFO's totals would count other tenants too.
 */
export async function redisFootprint(redis: Redis, prefix: string): Promise<KindFootprint[]> {
  const kinds = new Map<string, KindFootprint>();
  await scanPrefix(redis, prefix, async (keys) => {
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.memory('USAGE', key, 'SAMPLES', 0);
    const results = (await pipeline.exec()) ?? [];
    keys.forEach((key, i) => {
      const [err, bytes] = results[i] ?? [null, 0];
      if (err || typeof bytes !== 'number') return;
      const kind = kindOf(prefix, key);
      const entry = kinds.get(kind) ?? { kind, keys: 0, bytes: 0 };
      entry.keys += 1;
      entry.bytes += bytes;
      kinds.set(kind, entry);
    });
  });
  return [...kinds.values()].sort((a, b) => b.bytes - a.bytes);
}
