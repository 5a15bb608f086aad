import type { Redis } from '../redis/client.js';
import { z } from 'zod';
import type { LedgerKeys } from './keys.js';

/** A sync run as read back from the stream: numbers are stored as strings there. */
export const syncRunEntrySchema = z.object({
  source: z.string(),
  lane: z.string(),
  slot: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  pages: z.coerce.number(),
  records: z.coerce.number(),
  invalid: z.coerce.number(),
  unchanged: z.coerce.number().default(0),
  /** The push stage's writes to this source since its previous run: accepted, failed (none in entries written before they were counted). */
  pushed: z.coerce.number().default(0),
  failed: z.coerce.number().default(0),
  outcome: z.string(),
  error: z.string().optional(),
  errorCode: z.string().optional(),
});
export type SyncRunEntry = z.infer<typeof syncRunEntrySchema> & { id: string };

const PAGE = 200;

/**
 * The newest sync runs, optionally of one source. With a source filter it pages back
 * through the stream, reading at most `scanLimit` entries, so a quiet source next to a
 * busy one answers quickly with what it found.
 */
export async function readSyncRuns(
  redis: Redis,
  keys: LedgerKeys,
  options: { limit: number; source?: string; scanLimit?: number },
): Promise<SyncRunEntry[]> {
  const out: SyncRunEntry[] = [];
  const scanLimit = options.scanLimit ?? Math.max(options.limit, 20 * options.limit);
  let end = '+';
  let read = 0;
  while (out.length < options.limit && read < scanLimit) {
    const count = options.source ? Math.min(PAGE, scanLimit - read) : options.limit - out.length;
    const entries = await redis.xrevrange(keys.syncRuns(), end, '-', 'COUNT', count);
    for (const [id, flat] of entries) {
      const fields: Record<string, string> = {};
      for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
      const parsed = syncRunEntrySchema.safeParse(fields);
      if (parsed.success && (!options.source || parsed.data.source === options.source) && out.length < options.limit)
        out.push({ id, ...parsed.data });
    }
    read += entries.length;
    if (entries.length < count) break;
    end = `(${entries.at(-1)![0]}`;
  }
  return out;
}
