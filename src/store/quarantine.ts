import { hash } from 'node:crypto';
import type { Redis } from '../redis/client.js';
import type { Clock } from '../domain/clock.js';
import { JsonHash } from './json-hash.js';
import type { LedgerKeys } from './keys.js';
import { quarantineEntrySchema, type QuarantineEntry } from './records.js';

/** Records that failed validation: kept raw with the reason, shown to operators, replayable. */
export class Quarantine {
  readonly entries: JsonHash<QuarantineEntry>;

  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
    private readonly clock: Clock,
  ) {
    this.entries = new JsonHash(redis, keys.quarantine(), quarantineEntrySchema);
  }

  /**
   * A valid version of these records arrived (by a poll, a webhook, a re-fetch): their
   * quarantine entries are done with. Returns how many entries there were.
   */
  async clear(source: string, externalIds: readonly string[]): Promise<number> {
    if (externalIds.length === 0) return 0;
    return this.redis.hdel(this.keys.quarantine(), ...externalIds.map((id) => Quarantine.idOf(source, id, undefined)));
  }

  /** Same record seen again updates the entry (lastSeen, count) instead of adding another. */
  static idOf(source: string, externalId: string | undefined, raw: unknown): string {
    const key = externalId ?? hash('sha256', JSON.stringify(raw) ?? '', 'hex');
    return `q-${hash('sha256', `${source}\u0000${key}`, 'hex').slice(0, 16)}`;
  }

  async put(entry: Pick<QuarantineEntry, 'source' | 'externalId' | 'stage' | 'reason' | 'raw'>): Promise<string> {
    const id = Quarantine.idOf(entry.source, entry.externalId, entry.raw);
    const now = this.clock.now().toISOString();
    const previous = await this.entries.get(id);
    await this.entries.set(id, {
      ...entry,
      firstSeen: previous?.firstSeen ?? now,
      lastSeen: now,
      count: (previous?.count ?? 0) + 1,
    });
    return id;
  }
}
