import { describe, expect, it } from 'vitest';
import type { User } from '../../../src/accounts/accounts.js';
import type { Complaint } from '../../../src/domain/complaint.js';
import { triagePage } from '../../../src/http/pages/triage-page.js';
import type { TriageEntry } from '../../../src/store/records.js';

const view = {
  instanceName: 'Kabupaten Uji',
  timeZone: 'Asia/Jakarta',
  units: { current: () => undefined },
  account: { user: { username: 'viewer', role: 'viewer' } as User, lang: 'id' as const },
};

const complaint = (id: string, fields: Partial<Complaint>) =>
  ({
    id,
    source: 'wadesk',
    externalId: `x-${id}`,
    title: `Judul ${id}`,
    body: 'isi',
    crossRefs: [],
    ...fields,
  }) as Complaint;

const entry = (complaintId: string, kind: TriageEntry['kind'], value: string): [string, TriageEntry] => [
  `${complaintId}:${kind}`,
  { at: '2026-11-30T01:00:00.000Z', source: 'wadesk', complaintId, kind, value },
];

describe('the triage page', () => {
  it('names each complaint as people find it, never a secret one to a reader who may not read it', () => {
    const complaints = new Map([
      ['c-1', complaint('c-1', { crossRefs: [{ system: 'lapor', externalId: '5010653' }] })],
      ['c-2', complaint('c-2', { rahasia: true, title: 'Nama pejabat yang dilaporkan' })],
    ]);
    const body = triagePage(view, {
      triage: [
        entry('c-1', 'unknown_opd', 'Dinas PU'),
        entry('c-2', 'unrouted', '(tanpa OPD)'),
        entry('c-3', 'invalid_text', '2'),
      ],
      complaints,
      mayReadSecret: () => false,
      deadLetters: [],
      mayRetry: false,
    });
    const rows = [...body.matchAll(/<tr data-complaint="([^"]+)"[\s\S]*?<\/tr>/g)].map((m) =>
      m[0].replace(/\s+/g, ' '),
    );
    expect(rows[0]).toContain('OPD tak dikenal direktori<br /><code>Dinas PU</code>');
    expect(rows[0]).toMatch(/>Judul c-1<\/a ?><br \/><span class="muted">LAPOR 5010653</);
    expect(rows[1]).toContain('belum ada OPD');
    expect(rows[1]).not.toContain('Nama pejabat');
    expect(rows[1]).toContain('wadesk x-c-2');
    // A complaint gone since its entry: its id.
    expect(rows[2]).toContain('<a href="/aduan/c-3">c-3</a>');
    expect(body).not.toContain('unknown_opd:');
  });
});
