import type { Catalog, Language } from '../i18n/messages.js';
import type { DueComplaint, DueLists } from '../rekap/due.js';
import { days, limitDays } from '../rekap/labels.js';
import { shownTime, table } from './format.js';

/** `rekap --due` as text: per OPD, then the overdue list, then what falls due by the next working day. */
export function dueText(lists: DueLists, catalog: Catalog, timeZone: string, language: Language): string {
  const text = catalog.due;
  const none = catalog.cli.none;
  const c = text.columns;
  const rows = (items: readonly DueComplaint[]) =>
    items.map((d) => ({
      [c.number]: `${d.source} ${d.externalId}`,
      [c.opd]: d.opd ?? text.unassigned,
      [c.title]: d.title ?? (d.rahasia ? text.rahasia : text.untitled),
      [c.reportedAt]: shownTime(d.reportedAt, timeZone),
      [c.dueAt]: shownTime(d.dueAt, timeZone),
      [c.elapsed]: `${days(d.workingDaysElapsed, language)} / ${limitDays(d.limitWorkingDays, language)}`,
    }));
  const columns = [c.number, c.opd, c.title, c.reportedAt, c.dueAt, c.elapsed];
  const list = (items: readonly DueComplaint[]) => (items.length === 0 ? text.none : table(rows(items), none, columns));
  const lines = [text.title, text.measured(shownTime(lists.at, timeZone), lists.since)];
  if (!lists.opd && lists.byOpd.length > 0)
    lines.push(
      '',
      text.byOpd,
      table(
        lists.byOpd.map((r) => ({
          [c.opd]: r.name ?? text.unassigned,
          [c.dueTomorrow]: r.dueTomorrow,
          [c.overdue]: r.overdue,
        })),
        none,
        [c.opd, c.dueTomorrow, c.overdue],
      ),
    );
  lines.push('', `${text.overdue} (${lists.overdue.length})`, list(lists.overdue));
  lines.push('', `${text.dueTomorrow(lists.nextWorkingDay)} (${lists.dueTomorrow.length})`, list(lists.dueTomorrow));
  return lines.join('\n');
}
