import { compareActivity, compareIds, type Report, type TimelineEntry } from './model.js';

/**
 * All reports in memory, with an index ordered by (last activity, tracking id) so list
 * pages are a binary search plus a short scan even with many thousands of reports.
 */
export class ReportStore {
  private readonly byId = new Map<string, Report>();
  private readonly ordered: Report[] = [];
  private readonly byRef = new Map<string, string>();
  private readonly timelineListeners = new Set<(trackingId: string, entry: TimelineEntry) => void>();

  get size(): number {
    return this.byId.size;
  }

  get(trackingId: string): Report | undefined {
    return this.byId.get(trackingId);
  }

  byClientRef(instansiId: string, clientRef: string): Report | undefined {
    const id = this.byRef.get(`${instansiId}\u0000${clientRef}`);
    return id === undefined ? undefined : this.byId.get(id);
  }

  all(): readonly Report[] {
    return this.ordered;
  }

  add(report: Report): void {
    if (this.byId.has(report.trackingId)) throw new Error(`duplicate tracking id ${report.trackingId}`);
    this.byId.set(report.trackingId, report);
    if (report.clientRef && report.createdBy)
      this.byRef.set(`${report.createdBy}\u0000${report.clientRef}`, report.trackingId);
    this.ordered.splice(this.lowerBound(report.lastActivityAt, report.trackingId), 0, report);
  }

  /** Applies a change; when it moves the report's activity time, the index follows. Timeline entries it adds are told to listeners. */
  update(report: Report, change: (r: Report) => void): void {
    const at = this.ordered.indexOf(report);
    const entries = report.timeline.length;
    change(report);
    if (at >= 0) this.ordered.splice(at, 1);
    this.ordered.splice(this.lowerBound(report.lastActivityAt, report.trackingId), 0, report);
    for (const entry of report.timeline.slice(entries))
      for (const listener of this.timelineListeners) listener(report.trackingId, entry);
  }

  /** Calls `listener` with every timeline entry a change adds from now on, as it is stored; returns the way to stop. */
  onTimelineEntry(listener: (trackingId: string, entry: TimelineEntry) => void): () => void {
    this.timelineListeners.add(listener);
    return () => void this.timelineListeners.delete(listener);
  }

  /** Index of the first report at or after (time, id). */
  lowerBound(time: number, id: string | undefined): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const r = this.ordered[mid]!;
      const before =
        r.lastActivityAt < time || (r.lastActivityAt === time && id !== undefined && compareIds(r.trackingId, id) < 0);
      if (before) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Reports at or after (since, sinceId), in list order, that pass `visible`; at most limit + 1 to tell if more exist. */
  page(
    since: number,
    sinceId: string | undefined,
    limit: number,
    visible: (r: Report) => boolean,
  ): { items: Report[]; hasMore: boolean } {
    const items: Report[] = [];
    for (let i = this.lowerBound(since, sinceId); i < this.ordered.length; i++) {
      const r = this.ordered[i]!;
      if (!visible(r)) continue;
      if (items.length === limit) return { items, hasMore: true };
      items.push(r);
    }
    return { items, hasMore: false };
  }

  /** Sanity check used by tests of the sandbox itself. */
  isOrdered(): boolean {
    return this.ordered.every((r, i) => i === 0 || compareActivity(this.ordered[i - 1]!, r) < 0);
  }
}
