import { hash } from 'node:crypto';
import type { Redis } from '../redis/client.js';
import { pack, unpack } from 'msgpackr';
import { complaintDraftSchema, type ComplaintDraft } from '../domain/draft.js';
import type { LedgerKeys } from './keys.js';
import { rawRecordSchema, type RawRecord } from './records.js';

/** A raw record as read for ingest: parsed, and the stored bytes' identity so it is dropped only if unchanged. */
export interface HeldRaw {
  record: RawRecord;
  sha1: string;
}

/**
 * Raw external records, written durably before a source's cursor may advance: one hash per
 * source, one msgpack field per record, so a page is one HSET and one HMGET. A record is
 * kept until the ledger holds its version (the ledger's page write drops it); the reporter's
 * identity, which the ledger does not keep, stays beside it in `reporters`. Storing a record
 * also marks it settling (`Settling`) until its page's ingest has finished.
 */
export class RawRecords {
  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
  ) {}

  async saveMany(
    source: string,
    records: { externalId: string; raw: unknown; draft: ComplaintDraft }[],
    fetchedAt: Date,
  ): Promise<void> {
    if (records.length === 0) return;
    const at = fetchedAt.toISOString();
    const fields: (string | Buffer)[] = [];
    const settling: (string | number)[] = [];
    for (const r of records) {
      fields.push(r.externalId, pack({ raw: r.raw, draft: r.draft, fetchedAt: at }));
      settling.push(fetchedAt.getTime(), r.externalId);
    }
    // In one transaction with the record: until its ingest finishes, it is known to be unsettled.
    const replies = await this.redis
      .multi()
      .hset(this.keys.rawRecords(source), ...fields)
      .zadd(this.keys.settling(source), ...settling)
      .exec();
    const failed = replies?.find(([err]) => err)?.[0];
    if (failed) throw failed;
  }

  async get(source: string, externalId: string): Promise<RawRecord | undefined> {
    return (await this.getMany(source, [externalId]))[0]?.record;
  }

  /** The records of one page in one call (undefined where none is held: ingested already, or never stored). */
  async getMany(source: string, externalIds: readonly string[]): Promise<(HeldRaw | undefined)[]> {
    if (externalIds.length === 0) return [];
    const values = await this.redis.hmgetBuffer(this.keys.rawRecords(source), ...externalIds);
    const out = values.map((v) => (v ? { record: rawRecordSchema.parse(unpack(v)), sha1: sha1Hex(v) } : undefined));
    // Records stored before raw records moved into one hash per source, one key each.
    const legacy = externalIds.map((id, i) => (out[i] ? undefined : this.keys.legacyRaw(source, id)));
    const missing = legacy.filter((k): k is string => k !== undefined);
    if (missing.length === 0) return out;
    const texts = await this.redis.mget(missing);
    let k = 0;
    return out.map((held, i) => {
      if (held || legacy[i] === undefined) return held;
      const text = texts[k++];
      return text ? { record: rawRecordSchema.parse(JSON.parse(text)), sha1: '' } : undefined;
    });
  }

  /** The reporter's identity as the source gave it (never in the ledger), for a destination that may receive it. */
  async reporter(source: string, externalId: string): Promise<ComplaintDraft['reporter'] | undefined> {
    const value = await this.redis.hgetBuffer(this.keys.reporters(source), externalId);
    if (value) return unpack(value) as ComplaintDraft['reporter'];
    const held = (await this.get(source, externalId))?.draft;
    return complaintDraftSchema.shape.reporter.safeParse((held as { reporter?: unknown } | undefined)?.reporter).data;
  }
}

function sha1Hex(value: Buffer): string {
  return hash('sha1', value, 'hex');
}
