import type { Catalog, Language } from '../../i18n/messages.js';
import { messages } from '../../i18n/messages.js';
import { cellValue, NUMERIC_COLUMNS, REKAP_COLUMNS, topicsText, type RekapColumn } from '../../rekap/columns.js';
import { count, days, hours, limitDays, percent, periodLabel, wholeMonth } from '../../rekap/labels.js';
import { shiftMonth } from '../../rekap/period.js';
import type { Period, Rekap, RekapCounts, RekapRow } from '../../rekap/types.js';
import { trendLine } from '../../rekap/views.js';
import type { SourceInfo } from '../report-deps.js';
import { localTime, zoneLabel } from './format.js';
import { html, type SafeHtml } from './html.js';
import { reportLayout, type PageAccount } from './layout.js';
import { duePath } from './due-page.js';
import { topicsChart, weeklyChart } from './rekap-chart.js';

export type SortColumn = RekapColumn | 'opd';

export interface RekapPageView {
  instanceName: string;
  timeZone: string;
  language: Language;
  sources: SourceInfo[];
  period: Period;
  source?: string;
  /** The OPD page: its row key and name. */
  opd?: { key: string; name: string };
  sort?: { column: SortColumn; descending: boolean };
  /** Absent when the request could not be understood; `errors` say why. */
  rekap?: Rekap;
  errors?: string[];
  /** "Data may be stale" banners of sources that have not synced (sync-logs-page.ts). */
  staleNotices?: SafeHtml[];
  /** The signed-in account, for the menu (absent for a read-only dashboard login). */
  account?: PageAccount;
}

function link(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams(
    Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])),
  ).toString();
  return query ? `${path}?${query}` : path;
}

/** The period as query parameters, the way the page was asked. */
function periodParams(view: RekapPageView): Record<string, string | undefined> {
  const month = wholeMonth(view.period);
  return month ? { month, source: view.source } : { from: view.period.from, to: view.period.to, source: view.source };
}

export function opdPath(key: string): string {
  return `/rekap/opd/${encodeURIComponent(key)}`;
}

function cell(c: RekapCounts, column: RekapColumn, whole: number, language: Language): SafeHtml {
  const value = cellValue(c, column, whole);
  if (column === 'topics') return html`<td class="topics">${value ?? ''}</td>`;
  if (column === 'share') return html`<td class="n">${value === null ? '–' : percent(c.total, whole)}</td>`;
  if (column === 'median' || column === 'p90')
    return html`<td class="n">${days(value as number | null, language)}</td>`;
  const n = value as number;
  const alarm = (column === 'overdue' || column === 'answeredLate') && n > 0;
  return html`<td class="n${alarm ? ' late' : ''}">${count(n, language)}</td>`;
}

function sortRows(rows: readonly RekapRow[], sort: RekapPageView['sort'], whole: number): RekapRow[] {
  if (!sort) return [...rows];
  const sign = sort.descending ? -1 : 1;
  const value = (r: RekapRow): number | string =>
    sort.column === 'opd' ? r.name : (cellValue(r, sort.column, whole) ?? -1);
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'id');
    return sign * order || a.name.localeCompare(b.name, 'id');
  });
}

/** Column headers are links that sort on the server: no script needed, and a sorted view can be shared. */
function header(
  view: RekapPageView,
  column: SortColumn,
  label: string,
  numeric: boolean,
  text: Catalog['rekap'],
): SafeHtml {
  const active = view.sort?.column === column;
  // Numbers sort largest first on the first click; names A to Z.
  const descending = active ? !view.sort!.descending : numeric;
  const href = link(view.opd ? opdPath(view.opd.key) : '/rekap', {
    ...periodParams(view),
    sort: column,
    dir: descending ? 'desc' : 'asc',
  });
  const aria = active ? (view.sort!.descending ? 'descending' : 'ascending') : undefined;
  const arrow = active ? (view.sort!.descending ? ' ▼' : ' ▲') : '';
  return html`<th scope="col" class="${numeric ? 'n' : ''}"${aria ? html` aria-sort="${aria}"` : ''}><a href="${href}" title="${text.sortBy(label)}">${label}${arrow}</a></th>`;
}

function table(view: RekapPageView, rekap: Rekap, text: Catalog['rekap']): SafeHtml {
  const whole = rekap.total.total;
  const heads = REKAP_COLUMNS.map((c) => header(view, c, text.columns[c], NUMERIC_COLUMNS.has(c), text));
  const rows = sortRows(rekap.rows, view.sort, whole).map(
    (r) =>
      html`<tr><th scope="row"><a href="${link(opdPath(r.key), periodParams(view))}">${r.name}</a></th>${REKAP_COLUMNS.map((c) => cell(r, c, whole, view.language))}</tr>`,
  );
  const unassigned = view.opd
    ? ''
    : html`<tr class="unassigned"><th scope="row">${text.unassigned}</th>${REKAP_COLUMNS.map((c) => cell(rekap.unassigned, c, whole, view.language))}</tr>`;
  return html`<div class="scroll"><table id="rekap">
<thead><tr>${header(view, 'opd', text.columns.opd, false, text)}${heads}</tr></thead>
<tbody>${rows}${unassigned}</tbody>
${view.opd ? '' : html`<tfoot><tr><th scope="row">${text.total}</th>${REKAP_COLUMNS.map((c) => cell(rekap.total, c, whole, view.language))}</tr></tfoot>`}
</table></div>`;
}

function channels(rekap: Rekap, view: RekapPageView, text: Catalog['rekap']): SafeHtml {
  const columns = ['total', 'share', 'answeredOnTime', 'answeredLate', 'pending', 'overdue', 'median'] as const;
  const whole = rekap.total.total;
  const name = (source: string) => view.sources.find((s) => s.name === source)?.label ?? source;
  const rows = rekap.channels.map(
    (c) =>
      html`<tr><th scope="row">${name(c.source)} <code>${c.source}</code></th>${columns.map((k) => cell(c, k, whole, view.language))}</tr>`,
  );
  return html`<div class="scroll"><table id="kanal">
<thead><tr><th scope="col">${text.columns.source}</th>${columns.map((k) => html`<th scope="col" class="n">${text.columns[k]}</th>`)}</tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}

function picker(view: RekapPageView, text: Catalog['rekap']): SafeHtml {
  const p = text.picker;
  const month = wholeMonth(view.period) ?? view.period.from.slice(0, 7);
  const range = wholeMonth(view.period) ? undefined : view.period;
  const action = view.opd ? opdPath(view.opd.key) : '/rekap';
  const sourcePicker = html`<label>${p.source}<select name="source"><option value="">${p.allSources}</option>${view.sources.map((s) => html`<option value="${s.name}"${view.source === s.name ? html` selected` : ''}>${s.label ?? s.name}</option>`)}</select></label>`;
  return html`<div class="controls"><form method="get" action="${action}">
<label>${p.month}<input type="month" name="month" value="${month}" required></label>
${sourcePicker}
<button type="submit">${p.show}</button>
</form>
<details${range ? html` open` : ''}><summary>${p.otherRange}</summary>
<form method="get" action="${action}">
<label>${p.from}<input type="date" name="from" value="${range?.from ?? ''}" required></label>
<label>${p.to}<input type="date" name="to" value="${range?.to ?? ''}" required></label>
${sourcePicker}
<button type="submit">${p.show}</button>
</form></details>
<div class="links">
${view.opd ? html`<a href="${link('/rekap', periodParams(view))}">${text.backToAll}</a>` : ''}
<a href="${duePath(view.opd?.key)}">${messages(view.language).due.link}</a>
<a href="${link(action, { month: shiftMonth(month, -1), source: view.source })}">${p.previous}</a>
<a href="${link(action, { month: shiftMonth(month, 1), source: view.source })}">${p.next}</a>
</div></div>`;
}

function downloads(view: RekapPageView, text: Catalog['rekap']): SafeHtml {
  const params = { ...periodParams(view), opd: view.opd?.key };
  return html`<div class="links downloads"><span>${text.downloads}:</span>
<a href="${link('/rekap.xlsx', params)}" download>XLSX</a>
<a href="${link('/rekap.csv', params)}" download>CSV</a>
<a href="${link('/api/rekap', params)}">JSON</a>
<span class="muted">${text.print}</span></div>`;
}

function summary(rekap: Rekap, view: RekapPageView, text: Catalog['rekap']): SafeHtml {
  const t = rekap.total;
  const lang = view.language;
  const card = (value: string, label: string, extra = '') =>
    html`<div class="card"><b class="${extra}">${value}</b><span>${label}</span></div>`;
  const line = trendLine(rekap, text, lang);
  const trend = line ? html`<p class="trend">${line}</p>` : '';
  return html`<div class="cards">
${card(count(t.total, lang), text.cards.received)}
${card(count(t.answeredOnTime, lang), text.cards.onTime(percent(t.answeredOnTime, t.total)))}
${card(count(t.answeredLate, lang), text.cards.late, t.answeredLate > 0 ? 'late' : '')}
${card(count(t.pending, lang), text.cards.pending)}
${card(count(t.overdue, lang), text.cards.overdue, t.overdue > 0 ? 'late' : '')}
${card(days(t.medianFirstAnswerWorkingDays, lang), text.cards.median)}
</div>${trend}`;
}

function overdueList(rekap: Rekap, view: RekapPageView, text: Catalog['rekap']): SafeHtml {
  if (rekap.overdue.length === 0) return html`<p class="muted">${text.noOverdue}</p>`;
  const c = text.columns;
  const rows = rekap.overdue.map(
    (l) => html`<tr>
<td class="t" data-label="${c.number}"><code>${l.source}</code> ${l.externalId}</td>
<td data-label="${c.opd}">${l.opd ?? html`<span class="muted">${text.unassigned}</span>`}</td>
<td class="wrap" data-label="${c.title}">${l.title ?? html`<span class="muted">${l.rahasia ? text.rahasia : text.untitled}</span>`}</td>
<td class="t" data-label="${c.reportedAt}">${localTime(l.reportedAt, view.timeZone)}</td>
<td class="n late" data-label="${c.elapsed}">${days(l.workingDaysElapsed, view.language)} <span class="muted">/ ${limitDays(l.limitWorkingDays, view.language)}</span></td>
</tr>`,
  );
  return html`<div class="scroll cards-on-phone"><table id="terlambat">
<thead><tr><th scope="col">${c.number}</th><th scope="col">${c.opd}</th><th scope="col">${c.title}</th><th scope="col">${c.reportedAt}</th><th class="n" scope="col">${c.elapsed}</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}

/** Per OPD row: how long drafts waited for the head (rekap.approvalWait). */
function approvalWait(rekap: Rekap, view: RekapPageView, text: Catalog['rekap']): SafeHtml {
  const t = text.approvalWait;
  const rows = rekap.approvalWait.filter((w) => !view.opd || w.key === view.opd.key);
  if (rows.length === 0) return html`<p class="muted">${t.none}</p>`;
  const nameOf = (key: string | null) =>
    key === null ? text.unassigned : (rekap.rows.find((r) => r.key === key)?.name ?? key);
  const inHours = (n: number | null) => hours(n, view.language);
  return html`<div class="scroll"><table id="tunggu-persetujuan">
<thead><tr><th scope="col">${text.columns.opd}</th><th class="n" scope="col">${t.decided}</th><th class="n" scope="col">${t.median}</th><th class="n" scope="col">${t.p90}</th><th class="n" scope="col">${t.waiting}</th><th class="n" scope="col">${t.oldest}</th></tr></thead>
<tbody>${rows.map(
    (w) =>
      html`<tr data-opd="${w.key ?? ''}"><td>${nameOf(w.key)}</td><td class="n">${count(w.decided, view.language)}</td><td class="n">${inHours(w.medianHours)}</td><td class="n">${inHours(w.p90Hours)}</td><td class="n">${count(w.waiting, view.language)}</td><td class="n">${inHours(w.oldestWaitingHours)}</td></tr>`,
  )}</tbody>
</table></div>
<p class="muted">${t.note}</p>`;
}

function topics(rekap: Rekap, text: Catalog['rekap']): SafeHtml {
  const { topCategories, topWords } = rekap.total;
  if (topCategories.length === 0 && topWords.length === 0) return html`<p class="muted">${text.noTopics}</p>`;
  return html`<div class="two">
${topCategories.length ? html`<div><h3>${text.categories}</h3>${topicsChart(topCategories, text.categories)}</div>` : ''}
${topWords.length ? html`<div><h3>${text.words}</h3>${topicsChart(topWords, text.words)}</div>` : ''}
</div>`;
}

function notes(rekap: Rekap, view: RekapPageView, text: Catalog['rekap']): SafeHtml {
  const { disposeWorkingDays: d, followUpWorkingDays: f } = rekap.limits;
  const lang = view.language;
  return html`<ul class="notes">
<li>${text.periodLine(rekap.period.from, rekap.period.to, zoneLabel(view.timeZone))}${rekap.source ? html`, ${text.sourceLine(rekap.source)}` : ''}. ${text.generated(localTime(rekap.at, view.timeZone))}.</li>
<li>${text.notes.answered}</li>
<li>${text.notes.limits(limitDays(d, lang), limitDays(d + f, lang), limitDays(f, lang))}</li>
<li>${text.notes.workingDays}</li>
<li>${text.notes.notAuthority}</li>
<li>${text.notes.topics}</li>
</ul>`;
}

export function rekapPage(view: RekapPageView): string {
  const text = messages(view.language).rekap;
  const { rekap } = view;
  const label = periodLabel(view.period, view.language);
  const heading = view.opd ? text.opdTitle(view.opd.name, label) : text.title(label);
  const byOpd = view.opd && rekap ? rekap.rows.find((r) => r.key === view.opd!.key) : undefined;
  const body = html`<div class="print-head"><strong>${view.instanceName}</strong> · ${rekap ? text.generated(localTime(rekap.at, view.timeZone)) : ''}</div>
<h1>${heading}</h1>
${view.staleNotices ?? ''}
${picker(view, text)}
${view.errors?.length ? html`<div class="notice error" role="alert">${view.errors.map((e) => html`<div>${e}</div>`)}</div>` : ''}
${rekap && rekap.unreadable > 0 ? html`<div class="notice">${text.unreadable(count(rekap.unreadable, view.language))}</div>` : ''}
${
  rekap
    ? html`${downloads(view, text)}
${summary(rekap, view, text)}
${table(view, rekap, text)}
${byOpd ? html`<p class="muted">${text.columns.topics}: ${topicsText(byOpd, 5) || '–'}</p>` : ''}
<section class="keep"><h2>${text.sections.chart}</h2>
${weeklyChart(rekap.weeks, { received: text.columns.received, answered: text.columns.answered, title: text.sections.chart })}</section>
${
  view.opd
    ? ''
    : html`<section class="keep"><h2>${text.sections.topics}</h2>${topics(rekap, text)}</section>
<h2>${text.sections.channels}</h2>
${channels(rekap, view, text)}`
}
<h2>${view.opd ? text.sections.overdueOf(view.opd.name) : text.sections.overdue}</h2>
${overdueList(rekap, view, text)}
<h2>${text.approvalWait.title}</h2>
${approvalWait(rekap, view, text)}
${notes(rekap, view, text)}`
    : ''
}`;
  return reportLayout(view, heading, '/rekap', body);
}
