import type { Complaint } from '../../domain/complaint.js';
import { wordsFor } from '../../i18n/code-words.js';
import type { SendState } from '../../store/send-states.js';
import type { Access } from '../../workspace/access.js';
import type { Workspace } from '../../workspace/workspace.js';
import { laporNumberOf } from '../../workspace/workspace.js';
import { shownOpdName } from '../../opd/shown-name.js';
import { html, type SafeHtml } from './html.js';
import {
  approverOf,
  at,
  auditCells,
  clockText,
  csrfField,
  flash,
  page,
  sendLabel,
  textOf,
  titleOf,
  type WorkspaceView,
} from './workspace-view.js';

type Story = Awaited<ReturnType<Workspace['story']>>;

function sends(view: WorkspaceView, states: Record<string, SendState>): SafeHtml {
  const t = textOf(view);
  const entries = Object.entries(states);
  if (entries.length === 0) return html`<span class="muted">–</span>`;
  return html`<ul>
    ${entries.map(([field, s]) => html`<li data-field="${field}">${sendLabel(t, field)}: <span class="badge ${s.state === 'sent' ? 'done' : s.state}">${t.sendStates[s.state] ?? s.state}</span>${s.sentAt ? ` ${at(view, s.sentAt)}` : ''}${s.lastReason && s.state !== 'sent' ? html` <span class="muted">${s.lastReason}</span>` : ''}</li>`)}
  </ul>`;
}

export function searchPage(
  view: WorkspaceView,
  data: { query: string; found: Complaint[]; mayReadSecret: (c: Complaint) => boolean },
): string {
  const t = textOf(view);
  const body = html`<h1>${t.searchTitle}</h1>
    <form method="get" action="/aduan" role="search">
      <label>${t.searchLabel}<input name="q" value="${data.query}" inputmode="search" autofocus /></label
      ><button type="submit">${t.searchButton}</button>
    </form>
    ${data.query && data.found.length === 0 ? html`<p>${t.searchNone(data.query)}</p>` : ''}
    ${
      data.found.length > 0
        ? html`<div class="scroll">
            <table id="hasil">
              <thead>
                <tr>
                  <th>${t.colReported}</th>
                  <th>${t.colChannel}</th>
                  <th>${t.colTitle}</th>
                  <th>${t.colStatus}</th>
                </tr>
              </thead>
              <tbody>
                ${data.found.map(
                  (c) =>
                    html`<tr>
                      <td class="t">${at(view, c.reportedAt)}</td>
                      <td>${c.source} ${c.externalId}</td>
                      <td class="wrap"><a href="/aduan/${c.id}">${titleOf(t, c, data.mayReadSecret(c))}</a></td>
                      <td data-status="${c.status}">${wordsFor(t.statuses, c.status)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : ''
    }`;
  return page(view, t.searchTitle, '/aduan', body);
}

export function complaintPage(view: WorkspaceView, story: Story, access: Access, notice?: string): string {
  const t = textOf(view);
  const { complaint } = story;
  const laporNumber = laporNumberOf(complaint) ?? story.members.map(laporNumberOf).find(Boolean);
  const secret = complaint.rahasia && !access.secretText;
  const records = story.members.map(
    (m) =>
      html`<tr>
        <td>${m.source}</td>
        <td>
          <a href="/aduan/${m.id}">${m.externalId}</a
          >${m.crossRefs.map((r) => html`<br /><span class="muted">${r.system} ${r.externalId}</span>`)}
        </td>
        <td class="t">${at(view, m.reportedAt)}</td>
        <td data-status="${m.status}">${wordsFor(t.statuses, m.status)}${m.sourceStatus ? html` <span class="muted">(${m.sourceStatus})</span>` : ''}</td>
        <td>${shownOpdName(m.opd, view.units) ?? '–'}</td>
        <td>${sends(view, story.forwards[m.id] ?? {})}</td>
      </tr>`,
  );
  const timeline = story.members
    .flatMap((m) => m.responses.map((r) => ({ m, r })))
    .sort((a, b) => a.r.at.localeCompare(b.r.at));
  const answers = story.answers.map(
    ({ answer: a, sends: s }) =>
      html`<div class="panel" data-answer="${a.id}">
        <h3>
          <span
            class="badge ${a.state === 'approved' ? 'done' : a.state === 'rejected' ? 'failed' : 'polling'}"
            data-state="${a.state}"
            >${wordsFor(t.answerStates, a.state)}</span
          >
          ${a.opd ?? ''}
        </h3>
        <p class="quote">${a.text}</p>
        <p class="muted">
          ${t.writtenBy}: ${a.by} ·
          ${at(view, a.at)}${a.approvedBy ? html`<br />${t.approvedBy}: ${approverOf(t, a.approvedBy)} · ${at(view, a.approvedAt)}` : ''}${a.rejectedBy ? html`<br />${t.rejectedBy}: ${a.rejectedBy} · ${at(view, a.rejectedAt)} — ${a.rejectReason ?? ''}` : ''}
        </p>
        <div>${t.delivery}: ${sends(view, s)}</div>
        ${
          a.state === 'draft' && access.write
            ? html`<details>
                <summary>${t.editDraft}</summary>
                <form method="post" action="/aduan/${complaint.id}/jawaban/${a.id}" class="stack">
                  ${csrfField(view)}<textarea name="text" required maxlength="20000">${a.text}</textarea
                  ><button type="submit">${t.saveEdit}</button>
                </form>
              </details>`
            : ''
        }${a.editedBy ? html`<p class="muted">${t.editedBy}: ${a.editedBy} · ${at(view, a.editedAt)}</p>` : ''}
      </div>`,
  );
  const body = html`<h1>${t.complaintTitle}: ${secret ? t.secretHidden : titleOf(t, complaint, true)}</h1>
    ${flash(notice)}
    <div class="cards">
      ${laporNumber ? html`<div class="card"><b id="nomor-lapor">${laporNumber}</b><span>${t.laporNumber}</span></div>` : ''}
      <div class="card">
        <b data-status="${complaint.status}">${wordsFor(t.statuses, complaint.status)}</b><span>${t.colStatus}</span>
      </div>
      <div class="card">
        <b class="small" id="opd">${shownOpdName(complaint.opd, view.units) ?? '–'}</b><span>${t.colOpd}</span>
      </div>
      <div class="card">
        <b class="small${story.verdict.overdue ? ' late' : ''}"
          >${clockText(view, story.verdict)}</b
        ><span>${t.colClock}</span>
      </div>
    </div>
    <h2>${t.text}</h2>
    <p class="quote" id="isi">${secret ? t.secretHidden : complaint.body}</p>
    ${complaint.reporter ? html`<p class="muted">${complaint.anonim ? 'anonim' : complaint.reporter.display}</p>` : ''}
    <h2>${t.records}</h2>
    <div class="scroll">
      <table id="catatan">
        <thead>
          <tr>
            <th>${t.colSystem}</th>
            <th>${t.colId}</th>
            <th>${t.colReported}</th>
            <th>${t.colStatus}</th>
            <th>${t.colOpd}</th>
            <th>${t.delivery}</th>
          </tr>
        </thead>
        <tbody>
          ${records}
        </tbody>
      </table>
    </div>
    ${laporNumber ? html`<p class="links"><a href="https://www.lapor.go.id/laporan/detil/${laporNumber}" rel="noreferrer">${t.openOnLapor} (${laporNumber})</a></p>` : ''}
    <h2>${t.answers}</h2>
    ${answers.length > 0 ? answers : html`<p>${t.noAnswers}</p>`}
    ${
      access.write
        ? html`<h2>${t.writeTitle}</h2>
            <form method="post" action="/aduan/${complaint.id}/jawaban" class="stack panel">
              ${csrfField(view)}<label
                >${t.writeTitle}<textarea name="text" required maxlength="20000"></textarea>
              </label>
              <p class="muted">${t.writeHint}</p>
              <button type="submit">${t.writeButton}</button>
            </form>`
        : ''
    }
    <h2>${t.timeline}</h2>
    ${
      timeline.length === 0
        ? html`<p class="muted">–</p>`
        : html`<div class="scroll">
            <table id="riwayat">
              <tbody>
                ${timeline.map(
                  ({ m, r }) =>
                    html`<tr>
                      <td class="t">${at(view, r.at)}</td>
                      <td>${m.source}</td>
                      <td>${wordsFor(t.timelineKinds, r.kind)}</td>
                      <td>${r.by ?? ''}</td>
                      <td class="wrap">${secret ? t.secretHidden : r.text}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
    <h2>${t.auditTitle}</h2>
    ${
      story.audit.some((e) => e.fields.what === 'created')
        ? ''
        : html`<p class="notes" id="diterima">${t.receivedByPoll(complaint.source, at(view, complaint.receivedAt))}</p>`
    }
    ${
      story.audit.length === 0
        ? ''
        : html`<div class="scroll">
      <table id="audit">
        <thead>
          <tr>
            <th>${t.colAt}</th>
            <th>${t.colWho}</th>
            <th>${t.colWhat}</th>
            <th>${t.colWhy}</th>
          </tr>
        </thead>
        <tbody>
          ${story.audit.map(
            (e) =>
              html`<tr>
                <td class="t">${at(view, e.fields.at)}</td>
                ${auditCells(view, e.fields)}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`
    }`;
  return page(view, t.complaintTitle, '/aduan', body);
}
