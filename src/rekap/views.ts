import type { Catalog } from '../i18n/messages.js';
import { localTime, zoneLabel } from '../i18n/zone.js';
import { cellValue, REKAP_COLUMNS, topicsText } from './columns.js';
import { change, count, percent, periodLabel } from './labels.js';
import type { Language } from '../i18n/messages.js';
import type { ApprovalWaitRow } from './approval-wait.js';
import type { Rekap } from './types.js';

export type Cell = string | number | null;

/** One view of a rekap as a plain table: a sheet in XLSX, a table in the CLI, a CSV file. */
export interface RekapView {
  name: string;
  columns: string[];
  /** Per column: how to show a number. */
  formats: ('text' | 'count' | 'share' | 'days' | 'hours')[];
  rows: Cell[][];
  /** The last row is a total. */
  hasTotal: boolean;
}

/** The heading every export carries: what, which period, which source, when generated. */
export function rekapHeading(rekap: Rekap, text: Catalog['rekap'], timeZone: string, language: Language): string[] {
  return [
    text.title(periodLabel(rekap.period, language)),
    `${text.periodLine(rekap.period.from, rekap.period.to, zoneLabel(timeZone))}, ${rekap.source ? text.sourceLine(rekap.source) : text.allSources}`,
    text.generated(localTime(rekap.at, timeZone)),
  ];
}

/** "Compared with February 2026: received 12 (10 before, +20%), answered on time 50% (40% before)"; none without a period before. */
export function trendLine(rekap: Rekap, text: Catalog['rekap'], language: Language): string | undefined {
  const { total: t, previous: p } = rekap;
  if (!p) return undefined;
  return text.trend(
    periodLabel(p.period, language),
    { now: count(t.total, language), before: count(p.total, language), change: change(t.total, p.total) },
    { now: percent(t.answeredOnTime, t.total), before: percent(p.answeredOnTime, p.total) },
  );
}

const FORMAT_OF = { share: 'share', median: 'days', p90: 'days', topics: 'text' } as const;
const WAIT_FORMATS = ['count', 'hours', 'hours', 'count', 'hours'] as const;

function waitCells(w: ApprovalWaitRow | undefined): Cell[] {
  return [w?.decided ?? 0, w?.medianHours ?? null, w?.p90Hours ?? null, w?.waiting ?? 0, w?.oldestWaitingHours ?? null];
}

/**
 * The total row of the approval wait: drafts decided and waiting add up, the longest wait is
 * the longest of any row; a median of medians would be no median, so those stay empty.
 */
function waitTotal(rows: readonly ApprovalWaitRow[]): Cell[] {
  const oldest = rows.flatMap((w) => (w.oldestWaitingHours === null ? [] : [w.oldestWaitingHours]));
  return [
    rows.reduce((n, w) => n + w.decided, 0),
    null,
    null,
    rows.reduce((n, w) => n + w.waiting, 0),
    oldest.length ? Math.max(...oldest) : null,
  ];
}

/** The rekap as tables: per OPD (with the no-OPD row and the total), per channel, per week, overdue. */
export function rekapViews(rekap: Rekap, text: Catalog['rekap'], timeZone: string): RekapView[] {
  const whole = rekap.total.total;
  const formats = REKAP_COLUMNS.map((c) => (c in FORMAT_OF ? FORMAT_OF[c as keyof typeof FORMAT_OF] : 'count'));
  const wait = (key: string | null) => waitCells(rekap.approvalWait.find((w) => w.key === key));
  const w = text.approvalWait.columns;
  // Each OPD row also carries how long its drafts waited for the head (the page's own table).
  const opd: RekapView = {
    name: text.views.opd,
    columns: [
      text.columns.opd,
      ...REKAP_COLUMNS.map((c) => text.columns[c]),
      w.decided,
      w.median,
      w.p90,
      w.waiting,
      w.oldest,
    ],
    formats: ['text', ...formats, ...WAIT_FORMATS],
    rows: [
      ...rekap.rows.map((r) => [r.name, ...REKAP_COLUMNS.map((c) => cellValue(r, c, whole)), ...wait(r.key)]),
      ...(rekap.unassigned.total > 0 || rekap.opd === null
        ? [[text.unassigned, ...REKAP_COLUMNS.map((c) => cellValue(rekap.unassigned, c, whole)), ...wait(null)]]
        : []),
      [text.total, ...REKAP_COLUMNS.map((c) => cellValue(rekap.total, c, whole)), ...waitTotal(rekap.approvalWait)],
    ],
    hasTotal: true,
  };
  const channels: RekapView = {
    name: text.views.channels,
    columns: [text.columns.source, ...REKAP_COLUMNS.map((c) => text.columns[c])],
    formats: ['text', ...formats],
    rows: rekap.channels.map((r) => [r.source, ...REKAP_COLUMNS.map((c) => cellValue(r, c, whole))]),
    hasTotal: false,
  };
  const weeks: RekapView = {
    name: text.views.weeks,
    columns: [text.columns.week, text.columns.received, text.columns.answered],
    formats: ['text', 'count', 'count'],
    rows: rekap.weeks.map((w) => [w.week, w.received, w.answered]),
    hasTotal: false,
  };
  const topics: RekapView = {
    name: text.views.topics,
    columns: [text.columns.opd, text.columns.topics],
    formats: ['text', 'text'],
    rows: [...rekap.rows.map((r) => [r.name, topicsText(r, 5)]), [text.total, topicsText(rekap.total, 10)]],
    hasTotal: true,
  };
  const overdue: RekapView = {
    name: text.views.overdue,
    columns: [text.columns.number, text.columns.opd, text.columns.title, text.columns.reportedAt, text.columns.elapsed],
    formats: ['text', 'text', 'text', 'text', 'text'],
    rows: rekap.overdue.map((o) => [
      `${o.source} ${o.externalId}`,
      o.opd ?? text.unassigned,
      o.title ?? (o.rahasia ? text.rahasia : text.untitled),
      localTime(o.reportedAt, timeZone),
      `${o.workingDaysElapsed} / ${o.limitWorkingDays}`,
    ]),
    hasTotal: false,
  };
  return [opd, channels, weeks, topics, overdue];
}
