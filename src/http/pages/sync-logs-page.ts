import { messages, type Language } from '../../i18n/messages.js';
import type { Staleness } from '../../monitoring/staleness.js';
import type { SourceState } from '../../store/records.js';
import type { RunIntakeCounts } from '../../store/run-intake.js';
import type { SyncRunEntry } from '../../store/sync-runs.js';
import type { SourceInfo } from '../report-deps.js';
import { count } from '../../rekap/labels.js';
import { localTime } from './format.js';
import { html, type SafeHtml } from './html.js';
import { reportLayout, type PageAccount } from './layout.js';

export interface SourceStatus extends SourceInfo {
  state: SourceState;
  cursor: string | null;
  /** The change time the next pull asks from (ISO), when its connector can say. */
  pullsFrom?: string;
  staleness: Staleness;
}

export interface SyncRunRow extends SyncRunEntry {
  /** What the run's records became at ingest, so far. */
  intake: RunIntakeCounts;
}

export interface SyncLogsView {
  instanceName: string;
  timeZone: string;
  language: Language;
  sources: SourceStatus[];
  runs: SyncRunRow[];
  source?: string;
  limit: number;
  limits: readonly number[];
  staleAfterIntervals: number;
  errors?: string[];
  /** A message after an action (the poll was queued). */
  notice?: string;
  account?: PageAccount;
  /** The signed-in user may start a poll (admin), and the daemon can queue one. */
  maySync: boolean;
}

type Text = ReturnType<typeof messages>['sync'];

// Values come from Redis: an unknown one is shown as it is, and its class stays out of the stylesheet.
function badge(labels: Readonly<Record<string, string>>, value: string): SafeHtml {
  const known = Object.hasOwn(labels, value);
  return html`<span class="badge${known ? ` ${value}` : ''}">${known ? labels[value] : value}</span>`;
}

/** How much of an opaque cursor is shown. */
const CURSOR_SHOWN = 20;

/**
 * Where a source's next pull starts: the change time its cursor says, else (a token, a page
 * number) the cursor's start, which tells two apart; the whole cursor is in the cell's title.
 */
function position(s: SourceStatus, timeZone: string): SafeHtml {
  if (s.pullsFrom)
    return html`<span class="t" title="${s.cursor ?? ''}">${localTime(s.pullsFrom, timeZone, { seconds: true })}</span>`;
  return html`<code class="nowrap" title="${s.cursor ?? ''}">${s.cursor ? clip(s.cursor, CURSOR_SHOWN) : '–'}</code>`;
}

function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function syncButton(view: SyncLogsView, s: SourceStatus, t: Text): SafeHtml | string {
  if (!view.maySync || !s.enabled) return '';
  return html`<form method="post" action="/sync-logs/sinkronkan" class="inline"><input type="hidden" name="_csrf" value="${view.account?.csrf ?? ''}"><input type="hidden" name="source" value="${s.name}"><button type="submit" class="plain" data-source="${s.name}">${t.syncNow}</button></form>`;
}

function sourcesTable(view: SyncLogsView, t: Text): SafeHtml {
  if (view.sources.length === 0) return html`<p class="muted">${t.noSources}</p>`;
  const c = t.sourceColumns;
  const rows = view.sources.map(
    (s) => html`<tr data-source="${s.name}">
<th scope="row">${s.label ?? s.name}<div class="muted"><code>${s.name}</code>${s.enabled ? '' : ` · ${t.disabled}`}</div>${syncButton(view, s, t)}</th>
<td>${badge(t.states, s.state.state)}</td>
<td class="t${s.staleness.stale ? ' late' : ''}">${localTime(s.state.lastSuccessAt, view.timeZone, { seconds: true })}</td>
<td class="n">${count(s.state.itemsLastRun, view.language)}</td>
<td class="n">${s.state.consecutiveFailures > 0 ? html`<span class="late">${count(s.state.consecutiveFailures, view.language)}</span>` : '0'}</td>
<td class="t">${localTime(s.state.failingSince, view.timeZone, { seconds: true })}</td>
<td class="wrap">${s.state.lastError ?? html`<span class="muted">–</span>`}</td>
<td>${position(s, view.timeZone)}</td>
</tr>`,
  );
  return html`<div class="scroll"><table id="sumber">
<thead><tr><th scope="col">${c.source}</th><th scope="col">${c.state}</th><th scope="col">${c.lastSuccess}</th><th class="n" scope="col">${c.items}</th><th class="n" scope="col">${c.failures}</th><th scope="col">${c.failingSince}</th><th scope="col">${c.lastError}</th><th scope="col">${c.cursor}</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}

/** For each source with an error: what it means, what the bridge does, what an operator can do. */
function explanations(view: SyncLogsView, t: Text): SafeHtml[] {
  return view.sources
    .filter((s) => s.state.lastError !== undefined && s.state.consecutiveFailures > 0)
    .map((s) => {
      const help = t.help[s.state.lastErrorCode ?? 'INTERNAL'] ?? t.help.INTERNAL!;
      return html`<div class="panel help" id="bantuan-${s.name}"><h3>${t.helpHeading(s.label ?? s.name)} ${badge(t.states, s.state.state)}</h3>
<p><b>${t.helpWhat}:</b> ${help.what} <span class="muted">(${s.state.lastErrorCode ?? 'INTERNAL'}: ${clip(s.state.lastError ?? '', 160)})</span></p>
<p><b>${t.helpBridge}:</b> ${help.bridge}</p>
<p><b>${t.helpOperator}:</b> ${help.operator.replaceAll('NAMA_SUMBER', s.name).replaceAll('SOURCE', s.name)}</p></div>`;
    });
}

/** The stale-data banners, one per stale source: on this page and on the rekap. */
export function staleBanners(
  sources: readonly Pick<SourceStatus, 'name' | 'label' | 'staleness'>[],
  timeZone: string,
  factor: number,
  t: Text,
): SafeHtml[] {
  return sources
    .filter((s) => s.staleness.stale)
    .map((s) => {
      const name = s.label ?? s.name;
      const text = s.staleness.since
        ? t.stale(name, localTime(s.staleness.since, timeZone), String(factor))
        : t.staleNever(name);
      return html`<div class="notice error stale" role="alert" data-source="${s.name}">${text}</div>`;
    });
}

function filter(view: SyncLogsView, t: Text): SafeHtml {
  const sources = view.sources.map(
    (s) =>
      html`<option value="${s.name}"${view.source === s.name ? html` selected` : ''}>${s.label ?? s.name}</option>`,
  );
  const limits = view.limits.map(
    (n) => html`<option value="${n}"${view.limit === n ? html` selected` : ''}>${n}</option>`,
  );
  return html`<form method="get" action="/sync-logs">
<label>${t.filter.source}<select name="source"><option value="">${t.filter.allSources}</option>${sources}</select></label>
<label>${t.filter.limit}<select name="limit">${limits}</select></label>
<button type="submit">${t.filter.show}</button>
</form>`;
}

function runsTable(view: SyncLogsView, t: Text): SafeHtml {
  if (view.runs.length === 0) return html`<p class="muted">${t.noRuns}</p>`;
  const c = t.runColumns;
  const n = (value: number | undefined, alarm = false) =>
    value ? html`<td class="n${alarm ? ' late' : ''}">${count(value, view.language)}</td>` : html`<td class="n">0</td>`;
  const rows = view.runs.map((r) => {
    const quarantined = r.invalid + (r.intake.quarantined ?? 0);
    return html`<tr>
<th scope="row"><code>${r.source}</code></th>
<td>${t.lanes[r.lane] ?? r.lane}</td>
<td><code class="nowrap">${r.slot}</code></td>
<td class="t">${localTime(r.startedAt, view.timeZone, { seconds: true })}</td>
<td class="t">${localTime(r.finishedAt, view.timeZone, { seconds: true })}</td>
<td class="n">${count(r.pages, view.language)}</td>
${n(r.records + r.invalid)}${n(r.intake.created)}${n(r.intake.updated)}${n(r.unchanged + (r.intake.unchanged ?? 0) + (r.intake.stale ?? 0))}${n(quarantined, quarantined > 0)}${n(r.pushed)}${n(r.failed, r.failed > 0)}
<td>${badge(t.outcomes, r.outcome)}</td>
<td class="wrap">${r.error ?? ''}</td>
</tr>`;
  });
  return html`<div class="scroll"><table id="penarikan">
<thead><tr><th scope="col">${c.source}</th><th scope="col">${c.lane}</th><th scope="col">${c.slot}</th><th scope="col">${c.started}</th><th scope="col">${c.finished}</th><th class="n" scope="col">${c.pages}</th><th class="n" scope="col">${c.fetched}</th><th class="n" scope="col">${c.created}</th><th class="n" scope="col">${c.updated}</th><th class="n" scope="col">${c.unchanged}</th><th class="n" scope="col">${c.quarantined}</th><th class="n" scope="col">${c.pushed}</th><th class="n" scope="col">${c.failed}</th><th scope="col">${c.outcome}</th><th scope="col">${c.error}</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}

export function syncLogsPage(view: SyncLogsView): string {
  const t = messages(view.language).sync;
  const body = html`<h1>${t.title}</h1>
${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : ''}
${staleBanners(view.sources, view.timeZone, view.staleAfterIntervals, t)}
<h2>${t.sourcesHeading}</h2>
${sourcesTable(view, t)}
${explanations(view, t)}
<h2>${t.runsHeading}</h2>
${filter(view, t)}
${view.errors?.length ? html`<div class="notice error" role="alert">${view.errors.map((e) => html`<div>${e}</div>`)}</div>` : ''}
${runsTable(view, t)}
<ul class="notes">
<li>${t.notes.runs}</li>
<li>${t.notes.counts}</li>
<li>${t.notes.pushes}</li>
<li>${t.notes.failing}</li>
</ul>`;
  return reportLayout(view, t.title, '/sync-logs', body);
}
