import { DAY_MS, localDayNumber } from '../domain/local-date.js';
import { judge, type Verdict } from '../sla/clock.js';
import { reportedCaseViews } from './case-view.js';
import { opdKey } from './opd-key.js';
import { overdueEntry } from './overdue-entry.js';
import type { RekapStore } from './scan.js';
import type { RekapSettings } from './settings.js';
import type { OverdueComplaint, RekapComplaint } from './types.js';

/** One open complaint on a due list. Title is null for rahasia complaints. */
export interface DueComplaint extends OverdueComplaint {
  dueAt: string;
}

export interface DueOpdCount {
  /** Null: complaints without an OPD. */
  key: string | null;
  name: string | null;
  dueTomorrow: number;
  overdue: number;
}

export interface DueLists {
  /** When the lists were measured. */
  at: string;
  /** The next working day (local date): "besok" in the lists' sense. */
  nextWorkingDay: string;
  /** Open, not yet late, due by the end of the next working day; soonest first. */
  dueTomorrow: DueComplaint[];
  /** Open and past the due date; longest-waiting first. */
  overdue: DueComplaint[];
  byOpd: DueOpdCount[];
  /** Only this OPD (its row key) when asked for one. */
  opd: string | null;
  /** Complaints reported from this local date on were read. */
  since: string;
  scanned: number;
}

function nextWorkingDay(now: Date, settings: RekapSettings): number {
  let day = localDayNumber(now, settings.offsetMs) + 1;
  while (!settings.sla.calendar.isWorkingDay(new Date(day * DAY_MS - settings.offsetMs))) day += 1;
  return day;
}

/** A case on a due list, as the scan meets it. */
interface Due {
  key: string | null;
  name: string | null;
  late: boolean;
  complaint: RekapComplaint;
  verdict: Verdict & { dueAt: string };
}

/**
 * Every open case reported in the last `dueLookbackDays` that falls due by the end of the next
 * working day or is late, by the one SLA clock (src/sla/clock.ts) the rekap and the inbox use;
 * read through the index by report time, a few days at a time, each handed to `meet`.
 */
async function scanDue(
  store: RekapStore,
  settings: RekapSettings,
  request: { now: Date; opd?: string },
  meet: (due: Due) => void,
): Promise<{ tomorrow: number; sinceDay: number; scanned: number }> {
  const { now } = request;
  const tomorrow = nextWorkingDay(now, settings);
  const endOfTomorrow = (tomorrow + 1) * DAY_MS - settings.offsetMs;
  const sinceDay = localDayNumber(now, settings.offsetMs) - settings.dueLookbackDays;
  const since = sinceDay * DAY_MS - settings.offsetMs;
  let scanned = 0;
  await store.rekapRecords.ensureBuilt();
  for await (const batch of reportedCaseViews(store, since, now.getTime() + 1)) {
    scanned += batch.scanned;
    for (const { complaint } of batch.views) {
      const key = opdKey(complaint.opd, settings.units) ?? null;
      if (request.opd && key !== request.opd) continue;
      const verdict = judge(complaint, now, settings.sla);
      if (!verdict.pending || verdict.dueAt === undefined) continue;
      const late = verdict.overdue;
      if (!late && Date.parse(verdict.dueAt) >= endOfTomorrow) continue;
      const name = key ? (settings.units?.current(key)?.name ?? complaint.opd?.name ?? key) : null;
      meet({ key, name, late, complaint, verdict: { ...verdict, dueAt: verdict.dueAt } });
    }
  }
  return { tomorrow, sinceDay, scanned };
}

/** Per OPD row: how many are due by the next working day and how many are late. */
function countInto(byOpd: Map<string | null, DueOpdCount>, { key, name, late }: Due): void {
  const row = byOpd.get(key) ?? { key, name, dueTomorrow: 0, overdue: 0 };
  byOpd.set(key, row);
  if (late) row.overdue += 1;
  else row.dueTomorrow += 1;
}

/** The due lists' counts per OPD alone (what /metrics shows), without holding the lists. */
export async function countDue(
  store: RekapStore,
  settings: RekapSettings,
  request: { now: Date },
): Promise<DueOpdCount[]> {
  const byOpd = new Map<string | null, DueOpdCount>();
  await scanDue(store, settings, request, (due) => countInto(byOpd, due));
  return [...byOpd.values()];
}

/**
 * The lists an OPD works from each morning: what falls due by the end of the next working
 * day, and what is already late (`scanDue`). Cases, not records.
 */
export async function computeDueLists(
  store: RekapStore,
  settings: RekapSettings,
  request: { now: Date; opd?: string },
): Promise<DueLists> {
  const dueTomorrow: DueComplaint[] = [];
  const overdue: DueComplaint[] = [];
  const byOpd = new Map<string | null, DueOpdCount>();
  const { tomorrow, sinceDay, scanned } = await scanDue(store, settings, request, (due) => {
    const item: DueComplaint = {
      ...overdueEntry(due.complaint, due.verdict, due.name, due.key),
      dueAt: due.verdict.dueAt,
    };
    (due.late ? overdue : dueTomorrow).push(item);
    countInto(byOpd, due);
  });
  const byId = (a: DueComplaint, b: DueComplaint) => a.complaintId.localeCompare(b.complaintId);
  return {
    at: request.now.toISOString(),
    nextWorkingDay: new Date(tomorrow * DAY_MS).toISOString().slice(0, 10),
    dueTomorrow: dueTomorrow.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || byId(a, b)),
    overdue: overdue.sort((a, b) => b.workingDaysElapsed - a.workingDaysElapsed || byId(a, b)),
    byOpd: [...byOpd.values()].sort(
      (a, b) =>
        b.overdue - a.overdue || b.dueTomorrow - a.dueTomorrow || (a.name ?? '').localeCompare(b.name ?? '', 'id'),
    ),
    opd: request.opd ?? null,
    since: new Date(sinceDay * DAY_MS).toISOString().slice(0, 10),
    scanned,
  };
}
