import type { Complaint } from '../../domain/complaint.js';
import type { OpdResponse } from '../../store/responses.js';
import type { Preview } from '../../workspace/workspace.js';
import { html } from './html.js';
import { at, csrfField, duration, flash, page, textOf, titleOf, type WorkspaceView } from './workspace-view.js';

export interface WaitingDraft {
  answer: OpdResponse;
  complaint: Complaint;
  previews: Preview[];
  waitingMs: number;
}

/**
 * The head's one screen: each draft, where it will go and how it reads there, approve or reject
 * with a reason. Drafts that reach a channel come first; those with none to go to now (an answer
 * pulled from a case's only record) follow under their own heading, so the head sees what goes
 * out before what only waits.
 */
export function approvalsPage(view: WorkspaceView, drafts: WaitingDraft[], notice?: string): string {
  const t = textOf(view);
  const oldest = drafts.reduce((m, d) => Math.max(m, d.waitingMs), 0);
  const going = drafts.filter((d) => d.previews.length > 0);
  const nowhere = drafts.filter((d) => d.previews.length === 0);
  const items = (list: WaitingDraft[]) =>
    list.map(
      (d) =>
        html`<section class="panel" data-draft="${d.answer.id}">
        <h3><a href="/aduan/${d.complaint.id}">${titleOf(t, d.complaint, true)}</a></h3>
        <p class="muted">
          ${t.writtenBy}: ${d.answer.by} · ${at(view, d.answer.at)} · ${t.waiting(duration(t, d.waitingMs))}
        </p>
        <p class="quote">${d.answer.text}</p>
        <h4>${t.willReach}</h4>
        ${
          d.previews.length === 0
            ? html`<p class="muted">${t.noTargets}</p>`
            : html`<div class="scroll">
                  <table class="pratinjau">
                    <thead>
                      <tr>
                        <th>${t.colSystem}</th>
                        <th>${t.colId}</th>
                        <th>${t.readsThere}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${d.previews.map(
                        (p) =>
                          html`<tr data-system="${p.system}">
                            <td>${p.system}</td>
                            <td>${p.externalId}</td>
                            <td class="wrap">
                              ${p.blocked ? html`<span class="late">${t.blockedRahasia}</span>` : html`<span class="quote">${p.text}</span><span class="muted">— ${p.by}</span>`}
                            </td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>
                <p class="muted">${t.masked}</p>`
        }
        <form method="post" action="/persetujuan/${d.answer.id}/setujui">
          ${csrfField(view)}<button type="submit">${d.previews.length > 0 ? t.approveButton : t.approveOnly}</button>
        </form>
        <form method="post" action="/persetujuan/${d.answer.id}/tolak">
          ${csrfField(view)}<label>${t.reasonLabel}<input name="reason" required maxlength="2000" /></label
          ><button type="submit" class="secondary">${t.rejectButton}</button>
        </form>
      </section>`,
    );
  const body = html`<h1>${t.approvalsTitle}</h1>
    ${flash(notice)}
    ${drafts.length > 0 ? html`<p>${t.oldestWait(duration(t, oldest), drafts.length)}</p>` : html`<p>${t.approvalsNone}</p>`}
    ${items(going)}
    ${
      nowhere.length > 0
        ? html`<h2 id="tanpa-tujuan">${t.noTargetsTitle(nowhere.length)}</h2>
            <p class="muted">${t.noTargetsNote}</p>
            ${items(nowhere)}`
        : ''
    }`;
  return page(view, t.approvalsTitle, '/persetujuan', body);
}
