import { DAY_MS, localDayNumber } from '../domain/local-date.js';
import type { Catalog } from '../i18n/messages.js';
import { localTime, zoneLabel } from '../i18n/zone.js';
import { computeDueLists } from '../rekap/due.js';
import type { RekapStore } from '../rekap/scan.js';
import { computeRekap } from '../rekap/scan.js';
import type { RekapSettings } from '../rekap/settings.js';
import type { SourceState } from '../store/records.js';
import type { Notice } from './notify.js';

export interface SummaryInput {
  store: RekapStore;
  settings: RekapSettings;
  text: Catalog['notify'];
  instanceName: string;
  now: Date;
  sources: Record<string, SourceState>;
}

/**
 * Yesterday (the local date before `now`, in the instance's zone): complaints received and
 * answered, the overdue and due-tomorrow counts per OPD now, and each source's sync state.
 */
export async function dailySummary(input: SummaryInput): Promise<Notice> {
  const { settings, text, now } = input;
  const day = new Date((localDayNumber(now, settings.offsetMs) - 1) * DAY_MS).toISOString().slice(0, 10);
  const rekap = await computeRekap(input.store, settings, { period: { from: day, to: day }, now });
  const due = await computeDueLists(input.store, settings, { now });
  const sources = Object.entries(input.sources).map(([name, s]) => ({
    name,
    state: s.state,
    lastSuccessAt: s.lastSuccessAt ?? null,
  }));
  const lines = [
    text.summaryIntro(day, zoneLabel(settings.timeZone)),
    '',
    text.intake(rekap.total.total, rekap.total.answered),
    '',
    text.overdueHeading(due.overdue.length, due.dueTomorrow.length),
    ...due.byOpd.map((r) => text.overdueLine(r.name ?? text.noOpd, r.overdue, r.dueTomorrow)),
    '',
    text.syncHeading,
    ...sources.map((s) =>
      text.syncLine(s.name, text.states[s.state] ?? s.state, localTime(s.lastSuccessAt, settings.timeZone)),
    ),
    '',
    text.more('/rekap/jatuh-tempo, /sync-logs'),
  ];
  return {
    kind: 'daily_summary',
    subject: text.summarySubject(input.instanceName, day),
    text: `${lines.join('\n')}\n`,
    data: {
      day,
      received: rekap.total.total,
      answered: rekap.total.answered,
      overdue: due.overdue.length,
      dueTomorrow: due.dueTomorrow.length,
      byOpd: due.byOpd,
      sources,
    },
  };
}
