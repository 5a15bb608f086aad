import type { Complaint } from '../domain/complaint.js';
import type { Status } from '../domain/status.js';

export type Pause = NonNullable<Complaint['pauses']>[number];

/**
 * The postponement spans after a new version: a version saying "tunda" opens a span at its
 * change time (unless one is open), any other status closes the open one. The source's own
 * change time is used, not the moment the bridge saw it, so a late poll does not stretch
 * the pause.
 */
export function pausesAfter(held: readonly Pause[], status: Status, changedAt: string): Pause[] {
  const open = held.at(-1)?.to === undefined && held.length > 0;
  if (status === 'postponed') return open ? [...held] : [...held, { from: changedAt }];
  if (!open) return [...held];
  const last = held.at(-1)!;
  // A version dated before the pause began (clock skew between systems) ends it where it began.
  const to = Date.parse(changedAt) < Date.parse(last.from) ? last.from : changedAt;
  return [...held.slice(0, -1), { from: last.from, to }];
}
