/**
 * How much parsed parts a process keeps, counted by the length of the text each was parsed
 * from: parsed, a part takes about six times its text in the heap (a heap snapshot during a
 * year's cold rekap: 48 MiB for 8 MiB of text). 2 MiB holds a month's rows of a busy ledger
 * (500 complaints a day: a day's rows ~37 KB, its groups ~88 KB) and many OPDs' parts; a count
 * of days would hold a busy ledger's as many as a quiet one's.
 */
const MAX_TEXT = 2 * 1024 * 1024;

/**
 * Day-summary parts this process has parsed, by Redis key and part, each with the text of
 * the meta it was stored with. A part is reused only while the stored meta is the same text
 * (the meta names the counters' sum and the moment it was built), so a rekap that finds its
 * days current reads and parses their small metas, not their rows again. Oldest out first.
 */
export class PartCache {
  private readonly parts = new Map<string, { meta: string; value: unknown; size: number }>();
  private size = 0;

  constructor(private readonly maxText = MAX_TEXT) {}

  get<T>(key: string, meta: string): T | undefined {
    const hit = this.parts.get(key);
    return hit && hit.meta === meta ? (hit.value as T) : undefined;
  }

  /** `size`: the length of the text the value was parsed from (or is stored as). */
  set(key: string, meta: string, value: unknown, size: number): void {
    this.drop(key);
    this.parts.set(key, { meta, value, size });
    this.size += size;
    for (const oldest of this.parts.keys()) {
      if (this.size <= this.maxText || oldest === key) break;
      this.drop(oldest);
    }
  }

  private drop(key: string): void {
    const held = this.parts.get(key);
    if (!held) return;
    this.size -= held.size;
    this.parts.delete(key);
  }
}
