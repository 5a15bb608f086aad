import type { Redis } from 'ioredis';
import type { ComplaintDraft } from '../domain/draft.js';
import type { LedgerKeys } from './keys.js';
import { rawRecordSchema, type RawRecord } from './records.js';

/** Raw external records, written durably before a source's cursor may advance. */
export class RawRecords {
  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
  ) {}

  async saveMany(source: string, records: { externalId: string; raw: unknown; draft: ComplaintDraft }[], fetchedAt: Date): Promise<void> {
    if (records.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const r of records) pipeline.set(this.keys.raw(source, r.externalId), JSON.stringify({ raw: r.raw, draft: r.draft, fetchedAt: fetchedAt.toISOString() }));
    const results = await pipeline.exec();
    const failed = results?.find(([err]) => err);
    if (failed) throw failed[0]!;
  }

  async get(source: string, externalId: string): Promise<RawRecord | undefined> {
    const text = await this.redis.get(this.keys.raw(source, externalId));
    return text === null ? undefined : rawRecordSchema.parse(JSON.parse(text));
  }
}
