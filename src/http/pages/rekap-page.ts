import { OPD_LABEL, REKAP_COLUMNS, TOTAL_LABEL, UNASSIGNED_LABEL } from '../../rekap/columns.js';
import { shiftMonth } from '../../rekap/period.js';
import type { Period, Rekap, RekapCounts } from '../../rekap/types.js';
import type { SourceInfo } from '../report-deps.js';
import { days, limitDays, periodLabel, wholeMonth } from '../../rekap/labels.js';
import { count, localTime, percent, zoneLabel } from './format.js';
import { html, type SafeHtml } from './html.js';
import { layout } from './layout.js';

export interface RekapView {
  instanceName: string;
  timeZone: string;
  sources: SourceInfo[];
  period: Period;
  source?: string;
  /** Absent when the request could not be understood; `errors` say why. */
  rekap?: Rekap;
  errors?: string[];
}

function link(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  return query ? `${path}?${query}` : path;
}

function cells(c: RekapCounts): SafeHtml[] {
  return REKAP_COLUMNS.map(({ key }) => {
    if (key === 'medianFirstAnswerWorkingDays') return html`<td class="n">${days(c[key])}</td>`;
    if (key === 'late' && c.late > 0) return html`<td class="n late">${count(c.late)}</td>`;
    return html`<td class="n">${count(c[key])}</td>`;
  });
}

function sourcePicker(view: RekapView): SafeHtml {
  const options = view.sources.map((s) => html`<option value="${s.name}"${view.source === s.name ? html` selected` : ''}>${s.label ?? s.name}</option>`);
  return html`<label>Sumber<select name="source"><option value="">Semua sumber</option>${options}</select></label>`;
}

function picker(view: RekapView): SafeHtml {
  const month = wholeMonth(view.period) ?? view.period.from.slice(0, 7);
  const range = wholeMonth(view.period) ? undefined : view.period;
  return html`<form method="get" action="/rekap">
<label>Bulan<input type="month" name="month" value="${month}" required></label>
${sourcePicker(view)}
<button type="submit">Tampilkan</button>
</form>
<details${range ? html` open` : ''}><summary>Rentang tanggal lain</summary>
<form method="get" action="/rekap">
<label>Dari<input type="date" name="from" value="${range?.from ?? ''}" required></label>
<label>Sampai<input type="date" name="to" value="${range?.to ?? ''}" required></label>
${sourcePicker(view)}
<button type="submit">Tampilkan</button>
</form></details>
<div class="links">
<a href="${link('/rekap', { month: shiftMonth(month, -1), source: view.source })}">‹ Bulan sebelumnya</a>
<a href="${link('/rekap', { month: shiftMonth(month, 1), source: view.source })}">Bulan berikutnya ›</a>
<a href="${link('/api/rekap', { ...(range ? { from: range.from, to: range.to } : { month }), source: view.source })}">Unduh JSON</a>
</div>`;
}

function summary(total: RekapCounts): SafeHtml {
  const card = (value: string, label: string, extra = '') => html`<div class="card"><b class="${extra}">${value}</b><span>${label}</span></div>`;
  return html`<div class="cards">
${card(count(total.total), 'aduan dilaporkan')}
${card(count(total.answered), `dijawab (${percent(total.answered, total.total)})`)}
${card(count(total.pending), 'belum dijawab')}
${card(count(total.late), 'terlambat', total.late > 0 ? 'late' : '')}
${card(days(total.medianFirstAnswerWorkingDays), 'median hari kerja s.d. jawaban pertama')}
</div>`;
}

function table(rekap: Rekap): SafeHtml {
  const head = REKAP_COLUMNS.map((c) => html`<th class="n" scope="col">${c.label}</th>`);
  const rows = rekap.rows.map((r) => html`<tr><th scope="row">${r.name}</th>${cells(r)}</tr>`);
  const unassigned = html`<tr class="unassigned"><th scope="row">${UNASSIGNED_LABEL}</th>${cells(rekap.unassigned)}</tr>`;
  return html`<div class="scroll"><table id="rekap">
<thead><tr><th scope="col">${OPD_LABEL}</th>${head}</tr></thead>
<tbody>${rows}${unassigned}</tbody>
<tfoot><tr><th scope="row">${TOTAL_LABEL}</th>${cells(rekap.total)}</tr></tfoot>
</table></div>`;
}

function lateList(rekap: Rekap, timeZone: string): SafeHtml {
  if (rekap.late.length === 0) return html`<p class="muted">Tidak ada aduan terlambat pada periode ini.</p>`;
  const rows = rekap.late.map(
    (l) => html`<tr>
<td class="t"><code>${l.source}</code> ${l.externalId}</td>
<td>${l.opd ?? html`<span class="muted">${UNASSIGNED_LABEL}</span>`}</td>
<td class="wrap">${l.title ?? html`<span class="muted">${l.rahasia ? 'Aduan rahasia: isi tidak ditampilkan' : 'Tanpa judul'}</span>`}</td>
<td class="t">${localTime(l.reportedAt, timeZone)}</td>
<td class="n late">${days(l.workingDaysElapsed)} <span class="muted">/ ${limitDays(l.limitWorkingDays)}</span></td>
</tr>`,
  );
  return html`<div class="scroll"><table id="terlambat">
<thead><tr><th scope="col">Sumber · nomor</th><th scope="col">OPD</th><th scope="col">Judul</th><th scope="col">Dilaporkan</th><th class="n" scope="col">Hari kerja berjalan / batas</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}

function notes(rekap: Rekap, timeZone: string): SafeHtml {
  const { disposeWorkingDays: dispose, followUpWorkingDays: followUp } = rekap.limits;
  return html`<ul class="notes">
<li>Periode: aduan yang <em>dilaporkan</em> dari ${rekap.period.from} sampai ${rekap.period.to} (${zoneLabel(timeZone)})${rekap.source ? html`, sumber <code>${rekap.source}</code>` : ''}. Keadaan dihitung pada ${localTime(rekap.at, timeZone)}.</li>
<li>Dijawab: sudah ada tindak lanjut, atau berstatus ditindaklanjuti/selesai. Median hari kerja: dari laporan masuk sampai tindak lanjut pertama, atas aduan yang sudah punya tindak lanjut.</li>
<li>Terlambat: belum dijawab lebih dari ${limitDays(dispose)} hari kerja sejak dilaporkan bila belum ada OPD (batas disposisi), atau ${limitDays(dispose + followUp)} hari kerja (${limitDays(dispose)} disposisi + ${limitDays(followUp)} tindak lanjut) bila sudah ada OPD.</li>
<li>Hari kerja: Senin–Jumat di luar libur nasional dan cuti bersama yang tercantum di konfigurasi (<code>calendar.holidays</code>).</li>
<li>Bukan wewenang: aduan yang saat ini berstatus bukan wewenang dan menunggu disposisi ulang. LAPOR melepas OPD dari aduan yang dikembalikan, sehingga aduan itu tampil di baris “${UNASSIGNED_LABEL}”.</li>
<li>Diarsipkan/ditolak: ditutup tanpa tindak lanjut; tidak termasuk dijawab maupun belum dijawab.</li>
</ul>`;
}

export function rekapPage(view: RekapView): string {
  const { rekap } = view;
  const heading = `Rekap aduan per OPD — ${periodLabel(view.period)}`;
  const body = html`<h1>${heading}</h1>
${picker(view)}
${view.errors?.length ? html`<div class="notice error" role="alert">${view.errors.map((e) => html`<div>${e}</div>`)}</div>` : ''}
${rekap?.truncated ? html`<div class="notice" role="alert">Perhitungan berhenti setelah membaca ${count(rekap.scanned)} aduan (<code>rekap.maxComplaints</code>): angka di bawah belum lengkap.</div>` : ''}
${rekap && rekap.unreadable > 0 ? html`<div class="notice">${count(rekap.unreadable)} dokumen di ledger tidak terbaca sebagai aduan dan tidak dihitung.</div>` : ''}
${
  rekap
    ? html`${summary(rekap.total)}
${table(rekap)}
<h2>Aduan terlambat, paling lama menunggu</h2>
${lateList(rekap, view.timeZone)}
${notes(rekap, view.timeZone)}`
    : ''
}`;
  return layout({ title: heading, instanceName: view.instanceName, current: '/rekap', body });
}
