import { messages, type Language } from '../../i18n/messages.js';
import { localTime } from '../../i18n/zone.js';
import type { DueComplaint, DueLists } from '../../rekap/due.js';
import { count, days, limitDays } from '../../rekap/labels.js';
import { html, type SafeHtml } from './html.js';
import { reportLayout, type PageAccount } from './layout.js';

export interface DuePageView {
  instanceName: string;
  timeZone: string;
  language: Language;
  lists: DueLists;
  /** The one OPD asked for: its key and name. */
  opd?: { key: string; name: string };
  /** The signed-in account, for the menu (absent for a read-only dashboard login). */
  account?: PageAccount;
}

export function duePath(opd?: string): string {
  return opd ? `/rekap/jatuh-tempo?opd=${encodeURIComponent(opd)}` : '/rekap/jatuh-tempo';
}

function list(id: string, items: readonly DueComplaint[], view: DuePageView): SafeHtml {
  const t = messages(view.language).due;
  const c = t.columns;
  if (items.length === 0) return html`<p class="muted">${t.none}</p>`;
  const rows = items.map(
    (d) => html`<tr>
<td class="t" data-label="${c.number}"><code>${d.source}</code> ${d.externalId}</td>
<td data-label="${c.opd}">${d.opdKey ? html`<a href="${duePath(d.opdKey)}">${d.opd}</a>` : html`<span class="muted">${t.unassigned}</span>`}</td>
<td class="wrap" data-label="${c.title}">${d.title ?? html`<span class="muted">${d.rahasia ? t.rahasia : t.untitled}</span>`}</td>
<td class="t" data-label="${c.reportedAt}">${localTime(d.reportedAt, view.timeZone)}</td>
<td class="t${id === 'terlambat' ? ' late' : ''}" data-label="${c.dueAt}">${localTime(d.dueAt, view.timeZone)}</td>
<td class="n" data-label="${c.elapsed}">${days(d.workingDaysElapsed, view.language)} <span class="muted">/ ${limitDays(d.limitWorkingDays, view.language)}</span></td>
</tr>`,
  );
  return html`<div class="scroll cards-on-phone"><table id="${id}">
<thead><tr><th scope="col">${c.number}</th><th scope="col">${c.opd}</th><th scope="col">${c.title}</th><th scope="col">${c.reportedAt}</th><th scope="col">${c.dueAt}</th><th class="n" scope="col">${c.elapsed}</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}

function perOpd(view: DuePageView): SafeHtml {
  const t = messages(view.language).due;
  const rows = view.lists.byOpd.map(
    (r) =>
      html`<tr><th scope="row">${r.key ? html`<a href="${duePath(r.key)}">${r.name}</a>` : t.unassigned}</th><td class="n">${count(r.dueTomorrow, view.language)}</td><td class="n${r.overdue > 0 ? ' late' : ''}">${count(r.overdue, view.language)}</td></tr>`,
  );
  return html`<div class="scroll"><table id="per-opd">
<thead><tr><th scope="col">${t.columns.opd}</th><th class="n" scope="col">${t.columns.dueTomorrow}</th><th class="n" scope="col">${t.columns.overdue}</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}

/** /rekap/jatuh-tempo: what falls due by the next working day and what is late, per OPD. */
export function duePage(view: DuePageView): string {
  const t = messages(view.language).due;
  const { lists } = view;
  const heading = view.opd ? t.titleOf(view.opd.name) : t.title;
  const body = html`<h1>${heading}</h1>
<div class="links">${view.opd ? html`<a href="${duePath()}">${t.allOpd}</a>` : ''}<a href="${view.opd ? `/api/rekap/due?opd=${encodeURIComponent(view.opd.key)}` : '/api/rekap/due'}">JSON</a></div>
${view.opd || lists.byOpd.length === 0 ? '' : html`<h2>${t.byOpd}</h2>${perOpd(view)}`}
<h2>${t.overdue} (${count(lists.overdue.length, view.language)})</h2>
${list('terlambat', lists.overdue, view)}
<h2>${t.dueTomorrow(lists.nextWorkingDay)} (${count(lists.dueTomorrow.length, view.language)})</h2>
${list('jatuh-tempo', lists.dueTomorrow, view)}
<ul class="notes"><li>${t.measured(localTime(lists.at, view.timeZone), lists.since)}</li></ul>`;
  return reportLayout(view, heading, '/rekap', body);
}
