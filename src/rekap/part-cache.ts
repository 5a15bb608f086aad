/** How many parsed parts a process keeps: a few months of days, some megabytes. */
const MAX_PARTS = 200;

/**
 * Day-summary parts this process has parsed, by Redis key and part, each with the text of
 * the meta it was stored with. A part is reused only while the stored meta is the same text
 * (the meta names the counters' sum and the moment it was built), so a rekap that finds its
 * days current reads and parses their small metas, not their rows again. Oldest out first.
 */
export class PartCache {
  private readonly parts = new Map<string, { meta: string; value: unknown }>();

  get<T>(key: string, meta: string): T | undefined {
    const hit = this.parts.get(key);
    return hit && hit.meta === meta ? (hit.value as T) : undefined;
  }

  set(key: string, meta: string, value: unknown): void {
    this.parts.delete(key);
    this.parts.set(key, { meta, value });
    if (this.parts.size > MAX_PARTS) this.parts.delete(this.parts.keys().next().value!);
  }
}
