import { describe, expect, it } from 'vitest';
import type { User } from '../../../src/accounts/accounts.js';
import type { Complaint } from '../../../src/domain/complaint.js';
import { approvalsPage } from '../../../src/http/pages/approvals-page.js';
import type { OpdResponse } from '../../../src/store/responses.js';

const view = {
  instanceName: 'Kabupaten Uji',
  timeZone: 'Asia/Jayapura',
  units: { current: () => undefined },
  account: { user: { username: 'kepala', role: 'opd_head', opd: 'disdukcapil' } as User, lang: 'id' as const },
};

describe('the approvals page', () => {
  it('says when an answer pulled from a channel was written there, and how long it has waited here', () => {
    const answer = {
      id: 'r-1',
      caseId: 'c-1',
      complaintId: 'c-1',
      origin: { source: 'wadesk', externalId: 'x-1' },
      text: 'Sudah ditindaklanjuti.',
      by: 'wadesk',
      at: '2026-10-30T00:46:00.000Z',
      state: 'draft',
      createdAt: '2026-12-02T01:08:00.000Z',
    } as OpdResponse;
    const complaint = { id: 'c-1', title: 'Akta kelahiran', body: 'isi', rahasia: false } as Complaint;
    const body = approvalsPage(view, [{ answer, complaint, previews: [], waitingMs: 120_000 }]);
    expect(body).toContain('Ditulis: wadesk · 2026-10-30 09:46 WIT · menunggu 2 menit');
    // Nowhere to send it (it came from the reporter's own channel): the button does not promise a send.
    expect(body).toMatch(/<button type="submit">Setujui<\/button>/);
    const preview = { system: 'lapor', externalId: '5010653', text: 'Sudah ditindaklanjuti.' } as never;
    const toLapor = approvalsPage(view, [{ answer, complaint, previews: [preview], waitingMs: 0 }]);
    expect(toLapor).toMatch(/<button type="submit">Setujui dan kirim<\/button>/);
  });

  it('lists the drafts that go somewhere first, and those that go nowhere yet under their own heading', () => {
    const draft = (id: string, previews: unknown[]) => ({
      answer: {
        id,
        caseId: id,
        complaintId: id,
        text: 'Jawaban.',
        by: 'x',
        at: '2026-11-30T00:00:00.000Z',
        state: 'draft',
        createdAt: '2026-11-30T00:00:00.000Z',
      } as OpdResponse,
      complaint: { id, title: `Aduan ${id}`, body: 'isi', rahasia: false } as Complaint,
      previews: previews as never[],
      waitingMs: 60_000,
    });
    const preview = { system: 'lapor', externalId: '5010653', text: 'Jawaban.' };
    const body = approvalsPage(view, [draft('a', []), draft('b', [preview]), draft('c', []), draft('d', [preview])]);
    const order = [...body.matchAll(/data-draft="(\w)"|id="tanpa-tujuan"/g)].map((m) => m[1] ?? '|');
    expect(order).toEqual(['b', 'd', '|', 'a', 'c']);
    expect(body).toContain('Belum ke mana pun (2)');
    expect(approvalsPage(view, [draft('b', [preview])])).not.toContain('tanpa-tujuan');
  });
});
