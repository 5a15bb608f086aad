import type { Complaint } from '../domain/complaint.js';
import type { OpdLookup } from '../opd/directory.js';
import type { RoutingExample } from '../store/routing-models.js';
import type { LabelledExample } from './classifier.js';

/** What the model reads of a complaint: title and text, and the channel's category. */
export function routingInputOf(c: Pick<Complaint, 'title' | 'body' | 'category'>): { text: string; category?: string } {
  const category = c.category?.name ?? c.category?.id;
  return { text: [c.title, c.body].filter(Boolean).join('\n'), ...(category ? { category } : {}) };
}

/**
 * A labelled example from a ledger complaint: an operator's label when there is one, else
 * an OPD its source named and the directory knows. Rule and model routings are left out
 * (the model would learn its own guesses). Labels count under the unit holding the work today.
 * A returned complaint ("bukan wewenang") keeps that status at its source after an operator
 * assigned the right OPD: the operator's label is what it teaches.
 */
export function exampleOf(
  c: Complaint,
  label: RoutingExample | undefined,
  units: Pick<OpdLookup, 'current'>,
): (LabelledExample & { at: string }) | undefined {
  const code =
    label?.opd ??
    (c.opd?.code && (c.opd.assignedBy === 'source' || c.opd.assignedBy === 'operator') ? c.opd.code : undefined);
  // A "bukan wewenang" return teaches only through the OPD an operator then chose for it.
  if (!code || (c.status === 'not_authority' && !label)) return undefined;
  const opd = units.current(code)?.code;
  return opd ? { ...routingInputOf(c), opd, at: c.reportedAt } : undefined;
}

/**
 * The `max` most recently reported of the examples added, oldest first. Holds at most a
 * quarter more than `max` at a time (cut back to the latest `max` each time it gets there, and
 * an example older than all of a full set kept is not held at all), so a training over a ledger
 * of millions keeps a bounded number of texts in memory: holding twice `max` took a daemon on a
 * million complaints past a 192 MiB heap.
 */
export class LatestExamples<T extends { at: string }> {
  private held: T[] = [];
  /** Once `max` are kept: the oldest of them, below which nothing added can be among the latest. */
  private floor: string | undefined;
  private readonly slack: number;

  constructor(private readonly max: number) {
    this.slack = Math.max(1, Math.ceil(max / 4));
  }

  add(example: T): void {
    if (this.floor !== undefined && example.at < this.floor) return;
    this.held.push(example);
    if (this.held.length >= this.max + this.slack) this.cut();
  }

  latest(): T[] {
    this.cut();
    return this.held;
  }

  private cut(): void {
    this.held.sort((a, b) => a.at.localeCompare(b.at));
    if (this.held.length > this.max) this.held = this.held.slice(-this.max);
    if (this.held.length === this.max) this.floor = this.held[0]!.at;
  }
}
