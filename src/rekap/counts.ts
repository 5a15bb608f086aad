import type { Verdict } from '../sla/clock.js';
import { QuantileCounter } from './quantiles.js';
import { TopicCounter, type TopicEntries } from './topics.js';
import type { RekapComplaint, RekapCounts } from './types.js';

const TOPICS_PER_ROW = 5;

/** The verdict flags a row counts, each under the same name in the row. */
export const FLAGS = [
  'answered',
  'answeredOnTime',
  'answeredLate',
  'answeredUndated',
  'pending',
  'overdue',
  'closedWithoutAnswer',
  'notAuthority',
] as const satisfies readonly (keyof Verdict & keyof RekapCounts)[];
export type Flag = (typeof FLAGS)[number];

/** One row's counts in a form that can be stored and added to another row's (`Counts.merge`). */
export interface CountsData {
  total: number;
  /** In `FLAGS` order. */
  flags: number[];
  firstAnswer: [number, number][];
  topics: TopicEntries;
}

/** The counts of one rekap row (an OPD, a channel, the total). */
export class Counts {
  total = 0;
  private readonly flags = Object.fromEntries(FLAGS.map((f) => [f, 0])) as Record<Flag, number>;
  private readonly firstAnswer = new QuantileCounter();
  private readonly topics = new TopicCounter();

  add(c: RekapComplaint, v: Pick<Verdict, Flag | 'firstAnswer'>): void {
    this.total += 1;
    for (const flag of FLAGS) if (v[flag]) this.flags[flag] += 1;
    if (v.firstAnswer !== undefined) this.firstAnswer.add(v.firstAnswer);
    this.topics.add(c);
  }

  /** Complaints found overdue apart from `add` (a summary's open complaints, judged at the moment asked). */
  addOverdue(n: number): void {
    this.flags.overdue += n;
  }

  merge(data: CountsData): void {
    this.mergeTotals(data);
    this.firstAnswer.merge(data.firstAnswer);
    this.topics.merge(data.topics);
  }

  /** Only the total and the flags (a trend needs no more). */
  mergeTotals(data: Pick<CountsData, 'total' | 'flags'>): void {
    this.total += data.total;
    FLAGS.forEach((flag, i) => (this.flags[flag] += data.flags[i] ?? 0));
  }

  data(): CountsData {
    return {
      total: this.total,
      flags: FLAGS.map((f) => this.flags[f]),
      firstAnswer: this.firstAnswer.entries(),
      topics: this.topics.entries(),
    };
  }

  /** The row as the rekap shows it; `leaveOut`: topic words not shown (the deployment's own name). */
  result(leaveOut?: ReadonlySet<string>): RekapCounts {
    return {
      total: this.total,
      ...this.flags,
      medianFirstAnswerWorkingDays: round2(this.firstAnswer.median()),
      p90FirstAnswerWorkingDays: round2(this.firstAnswer.quantile(0.9)),
      ...this.topics.top(TOPICS_PER_ROW, leaveOut),
    };
  }
}

function round2(n: number | null): number | null {
  return n === null ? null : Math.round(n * 100) / 100;
}
