/**
 * Quantiles of non-negative values counted at 0.01 resolution. Memory grows with the number
 * of distinct rounded values (a few thousand at most for answer times), not with how many
 * complaints are counted, so a province-wide year costs the same as a kabupaten's month.
 */
export class QuantileCounter {
  private readonly counts = new Map<number, number>();
  private n = 0;

  add(value: number): void {
    this.addBucket(Math.max(0, Math.round(value * 100)), 1);
  }

  /** The counts as [bucket, count] pairs: a form another counter can merge (`merge`). */
  entries(): [number, number][] {
    return [...this.counts.entries()];
  }

  merge(entries: readonly (readonly [number, number])[]): void {
    for (const [bucket, count] of entries) this.addBucket(bucket, count);
  }

  private addBucket(bucket: number, count: number): void {
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + count);
    this.n += count;
  }

  /** The value at rank `q·(n−1)`, interpolated between neighbours; null when empty. */
  quantile(q: number): number | null {
    if (this.n === 0) return null;
    const position = q * (this.n - 1);
    const lowRank = Math.floor(position);
    const highRank = Math.ceil(position);
    let seen = 0;
    let low: number | undefined;
    for (const bucket of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(bucket)!;
      if (low === undefined && seen > lowRank) low = bucket;
      if (seen > highRank) return (low! + (bucket - low!) * (position - lowRank)) / 100;
    }
    return null;
  }

  median(): number | null {
    return this.quantile(0.5);
  }
}
