import type { SourceState } from '../../store/records.js';
import type { SyncRunEntry } from '../../store/sync-runs.js';
import type { SourceInfo } from '../report-deps.js';
import { count, localTime } from './format.js';
import { html, type SafeHtml } from './html.js';
import { layout } from './layout.js';

export interface SourceStatus extends SourceInfo {
  state: SourceState;
  cursor: string | null;
}

export interface SyncLogsView {
  instanceName: string;
  timeZone: string;
  sources: SourceStatus[];
  runs: SyncRunEntry[];
  source?: string;
  limit: number;
  limits: readonly number[];
  errors?: string[];
}

const STATES: Readonly<Record<string, string>> = { idle: 'siap', polling: 'sedang menarik', failing: 'bermasalah' };
const OUTCOMES: Readonly<Record<string, string>> = {
  done: 'selesai',
  interrupted: 'terhenti',
  failed: 'gagal',
  skipped: 'dilewati',
  limited: 'dibatasi',
};
const LANES: Readonly<Record<string, string>> = {
  live: 'rutin',
  backfill: 'riwayat (backfill)',
  import: 'impor berkas',
  reconcile: 'rekonsiliasi',
};

// Values come from Redis: an unknown one is shown as it is, and its class stays out of the stylesheet.
function badge(labels: Readonly<Record<string, string>>, value: string): SafeHtml {
  const known = Object.hasOwn(labels, value);
  return html`<span class="badge${known ? ` ${value}` : ''}">${known ? labels[value] : value}</span>`;
}

function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function sourcesTable(view: SyncLogsView): SafeHtml {
  if (view.sources.length === 0) return html`<p class="muted">Belum ada sumber yang dikonfigurasi.</p>`;
  const rows = view.sources.map(
    (s) => html`<tr>
<th scope="row">${s.label ?? s.name}<div class="muted"><code>${s.name}</code>${s.enabled ? '' : ' · nonaktif'}</div></th>
<td>${badge(STATES, s.state.state)}</td>
<td class="t">${localTime(s.state.lastSuccessAt, view.timeZone, { seconds: true })}</td>
<td class="n">${count(s.state.itemsLastRun)}</td>
<td class="n">${s.state.consecutiveFailures > 0 ? html`<span class="late">${count(s.state.consecutiveFailures)}</span>` : '0'}</td>
<td class="t">${localTime(s.state.failingSince, view.timeZone, { seconds: true })}</td>
<td class="wrap">${s.state.lastError ?? html`<span class="muted">–</span>`}</td>
<td class="wrap"><code title="${s.cursor ?? ''}">${s.cursor ? clip(s.cursor) : '–'}</code></td>
</tr>`,
  );
  return html`<div class="scroll"><table id="sumber">
<thead><tr><th scope="col">Sumber</th><th scope="col">Keadaan</th><th scope="col">Terakhir berhasil</th><th class="n" scope="col">Rekaman terakhir</th><th class="n" scope="col">Gagal beruntun</th><th scope="col">Bermasalah sejak</th><th scope="col">Galat terakhir</th><th scope="col">Posisi (cursor)</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}

function filter(view: SyncLogsView): SafeHtml {
  const sources = view.sources.map(
    (s) =>
      html`<option value="${s.name}"${view.source === s.name ? html` selected` : ''}>${s.label ?? s.name}</option>`,
  );
  const limits = view.limits.map(
    (n) => html`<option value="${n}"${view.limit === n ? html` selected` : ''}>${n}</option>`,
  );
  return html`<form method="get" action="/sync-logs">
<label>Sumber<select name="source"><option value="">Semua sumber</option>${sources}</select></label>
<label>Jumlah<select name="limit">${limits}</select></label>
<button type="submit">Tampilkan</button>
</form>`;
}

function runsTable(view: SyncLogsView): SafeHtml {
  if (view.runs.length === 0) return html`<p class="muted">Belum ada penarikan yang tercatat.</p>`;
  const rows = view.runs.map(
    (r) => html`<tr>
<th scope="row"><code>${r.source}</code></th>
<td>${LANES[r.lane] ?? r.lane}</td>
<td><code>${r.slot}</code></td>
<td class="t">${localTime(r.startedAt, view.timeZone, { seconds: true })}</td>
<td class="t">${localTime(r.finishedAt, view.timeZone, { seconds: true })}</td>
<td class="n">${count(r.pages)}</td>
<td class="n">${count(r.records)}</td>
<td class="n">${r.invalid > 0 ? html`<span class="late">${count(r.invalid)}</span>` : '0'}</td>
<td>${badge(OUTCOMES, r.outcome)}</td>
<td class="wrap">${r.error ?? ''}</td>
</tr>`,
  );
  return html`<div class="scroll"><table id="penarikan">
<thead><tr><th scope="col">Sumber</th><th scope="col">Jalur</th><th scope="col">Slot</th><th scope="col">Mulai</th><th scope="col">Selesai</th><th class="n" scope="col">Halaman</th><th class="n" scope="col">Rekaman</th><th class="n" scope="col">Tidak valid</th><th scope="col">Hasil</th><th scope="col">Galat</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}

export function syncLogsPage(view: SyncLogsView): string {
  const body = html`<h1>Log sinkronisasi</h1>
<h2>Keadaan sumber</h2>
${sourcesTable(view)}
<h2>Penarikan terakhir</h2>
${filter(view)}
${view.errors?.length ? html`<div class="notice error" role="alert">${view.errors.map((e) => html`<div>${e}</div>`)}</div>` : ''}
${runsTable(view)}
<ul class="notes">
<li>Tiap baris adalah satu penarikan data dari sebuah sumber; yang terbaru di atas. Jalur “rutin” mengikuti jadwal, “riwayat” adalah impor data lama.</li>
<li>Tidak valid: rekaman yang gagal validasi dan disimpan di karantina beserta alasannya (<code>lapor-bridge quarantine list</code>).</li>
<li>Sumber ditandai bermasalah setelah beberapa kali gagal berturut-turut (<code>pipeline.failingAfter</code>); sumber lain tetap berjalan.</li>
</ul>`;
  return layout({ title: 'Log sinkronisasi', instanceName: view.instanceName, current: '/sync-logs', body });
}
