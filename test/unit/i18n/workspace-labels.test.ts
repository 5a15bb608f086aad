import { describe, expect, it } from 'vitest';
import { responseSchema } from '../../../src/domain/complaint.js';
import { STATUSES } from '../../../src/domain/status.js';
import type { User } from '../../../src/accounts/accounts.js';
import { approverOf, clockText, sendLabel } from '../../../src/http/pages/workspace-view.js';
import { wordsFor } from '../../../src/i18n/code-words.js';
import type { Verdict } from '../../../src/sla/clock.js';
import { messages } from '../../../src/i18n/messages.js';
import { systemApproval } from '../../../src/push/system-approval.js';
import { sendField } from '../../../src/push/tasks.js';

describe('codes the workspace pages show, in the catalogue', () => {
  it('names every canonical status, answer state and timeline kind in Indonesian and in English', () => {
    for (const lang of ['id', 'en'] as const) {
      const t = messages(lang).workspace;
      // English words may equal the code ("received"); each must be in the table all the same.
      for (const status of STATUSES) expect(Object.hasOwn(t.statuses, status), `${lang} ${status}`).toBe(true);
      for (const state of ['draft', 'approved', 'rejected'])
        expect(Object.hasOwn(t.answerStates, state), `${lang} ${state}`).toBe(true);
      for (const kind of responseSchema.shape.kind.options)
        expect(Object.hasOwn(t.timelineKinds, kind), `${lang} ${kind}`).toBe(true);
    }
    expect(wordsFor(messages('id').workspace.statuses, 'in_progress')).toBe('diproses OPD');
    expect(wordsFor(messages('id').workspace.answerStates, 'approved')).toBe('disetujui');
    expect(wordsFor(messages('id').workspace.statuses, 'constructor')).toBe('constructor');
  });

  it('says each kind of write the push stage makes, and a field it does not know as it is', () => {
    const t = messages('id').workspace;
    expect(sendLabel(t, sendField.forward('lapor'))).toBe('diteruskan ke lapor');
    expect(sendLabel(t, sendField.tracking('wadesk'))).toBe('nomor pelacakan ke wadesk');
    expect(sendLabel(t, sendField.status('wadesk'))).toBe('status ke wadesk');
    expect(sendLabel(t, sendField.answer({ system: 'lapor', externalId: '5010653' } as never))).toBe(
      'jawaban ke lapor 5010653',
    );
    expect(sendLabel(messages('en').workspace, 'tracking|lapor')).toBe('tracking id to lapor');
    expect(sendLabel(t, 'later|lapor')).toBe('later lapor');
  });

  it('says who approved an answer: a person by name, or why no person had to', () => {
    const t = messages('id').workspace;
    expect(approverOf(t, 'kepala.dpupr')).toBe('kepala.dpupr');
    expect(approverOf(t, systemApproval.published('lapor'))).toBe('terbit di lapor, disetujui di sana');
    expect(approverOf(t, systemApproval.noneNeeded)).toBe('tanpa persetujuan: OPD ini tidak memerlukannya');
    expect(approverOf(messages('en').workspace, systemApproval.history('wadesk'))).toBe(
      'delivered on wadesk before the bridge ran (history)',
    );
    // A person whose name reads like those words is still a person when the words differ.
    expect(approverOf(t, 'published on lapor today')).toBe('published on lapor today');
  });

  it("writes working days in the reader's numbers", () => {
    const verdict = {
      pending: true,
      elapsed: 22.25,
      limit: 3,
      paused: false,
      dueAt: '2026-11-05T03:00:00.000Z',
    } as Verdict;
    const view = (lang: 'id' | 'en') => ({
      instanceName: 'Kabupaten Uji',
      timeZone: 'Asia/Makassar',
      units: { current: () => undefined },
      account: { user: { username: 'u', role: 'admin' } as User, lang },
    });
    // The date and time never break across lines.
    expect(String(clockText(view('id'), verdict))).toBe(
      '22,3 dari 3,0 · batas <span class="nowrap">2026-11-05 11:00 WITA</span>',
    );
    expect(String(clockText(view('en'), verdict))).toBe(
      '22.3 of 3.0 · due <span class="nowrap">2026-11-05 11:00 WITA</span>',
    );
  });
});
