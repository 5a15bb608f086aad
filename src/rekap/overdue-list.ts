import { judge } from '../sla/clock.js';
import type { Store } from '../store/store.js';
import { caseViewsOf } from './case-view.js';
import { opdKey } from './opd-key.js';
import { longestWaiting, overdueEntry } from './overdue-entry.js';
import type { RekapSettings } from './settings.js';
import type { OverdueCandidate } from './summary-merge.js';
import type { TallyRows } from './tally-rows.js';
import type { OverdueComplaint } from './types.js';

/** Candidates this close to the last one chosen are judged too: rounding never decides who is listed. */
const TIE_MARGIN_DAYS = 1e-6;

/**
 * The longest-waiting overdue complaints: the candidates ranked by their approximate wait,
 * the first `size` (and any as close as rounding) read back as case views and judged on the
 * clock at `now`, so what is shown is exactly what the clock says.
 */
export async function overdueList(
  store: Pick<Store, 'rekapRecords' | 'ledger'>,
  settings: RekapSettings,
  candidates: OverdueCandidate[],
  rows: Pick<TallyRows, 'nameOf'>,
  now: Date,
): Promise<OverdueComplaint[]> {
  const size = settings.overdueListSize;
  candidates.sort((a, b) => b.elapsed - a.elapsed || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const last = candidates[Math.min(size, candidates.length) - 1];
  const chosen = last ? candidates.filter((c, i) => i < size || c.elapsed >= last.elapsed - TIE_MARGIN_DAYS) : [];
  const views = await caseViewsOf(store, await store.rekapRecords.byId(chosen));
  const entries: OverdueComplaint[] = [];
  for (const { complaint: c } of views) {
    const v = judge(c, now, settings.sla);
    if (!v.overdue) continue;
    const key = opdKey(c.opd, settings.units);
    entries.push(overdueEntry(c, v, rows.nameOf(key), key ?? null));
  }
  return longestWaiting(entries, size);
}
