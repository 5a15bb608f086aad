import type { Clock } from '../domain/clock.js';
import type { Redis } from '../redis/client.js';
import type { LedgerKeys } from './keys.js';

/** A change of cases that moves complaints and then their answers: a merge, or a split. */
export type CaseChange =
  { kind: 'merge'; from: string; into: string } | { kind: 'split'; from: string; into: string; moved: string[] };

/**
 * Case changes begun and not yet finished (`<p>:cases:changing`): each is noted before it
 * moves its first complaint and cleared once the answers moved along, so that one cut short
 * in between (the process killed there: its complaints moved, their answers not, and a retry
 * that sees the complaints where they belong changes nothing) is found and finished
 * (`finishCaseChanges`, src/dedup/cases.ts).
 */
export class CaseChanges {
  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
    private readonly clock: Clock,
  ) {}

  async begin(change: CaseChange): Promise<void> {
    await this.redis.hset(
      this.keys.caseChanges(),
      field(change),
      JSON.stringify({ ...change, at: this.clock.now().getTime() }),
    );
  }

  async end(change: CaseChange): Promise<void> {
    await this.redis.hdel(this.keys.caseChanges(), field(change));
  }

  /** Changes begun before `beganBefore` and not ended, oldest first (an unreadable entry is left out). */
  async pending(beganBefore: Date): Promise<CaseChange[]> {
    const held = await this.redis.hgetall(this.keys.caseChanges());
    return Object.values(held)
      .flatMap((text) => {
        const change = parse(text);
        return change && change.at < beganBefore.getTime() ? [change] : [];
      })
      .sort((a, b) => a.at - b.at)
      .map(({ at: _at, ...change }) => change);
  }
}

/** A merge empties its case (one at a time); a split makes its case. */
function field(change: CaseChange): string {
  return change.kind === 'merge' ? `merge:${change.from}` : `split:${change.into}`;
}

function parse(text: string): (CaseChange & { at: number }) | undefined {
  try {
    const v = JSON.parse(text) as Partial<CaseChange> & { at?: unknown; moved?: unknown };
    if (typeof v.from !== 'string' || typeof v.into !== 'string' || typeof v.at !== 'number') return undefined;
    if (v.kind === 'merge') return { kind: 'merge', from: v.from, into: v.into, at: v.at };
    if (v.kind === 'split' && Array.isArray(v.moved) && v.moved.every((m) => typeof m === 'string'))
      return { kind: 'split', from: v.from, into: v.into, moved: v.moved as string[], at: v.at };
    return undefined;
  } catch {
    return undefined;
  }
}
