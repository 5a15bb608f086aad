import { describe, expect, it } from 'vitest';
import type { User } from '../../../src/accounts/accounts.js';
import { auditPage, complaintsOf } from '../../../src/http/pages/audit-page.js';

const view = {
  instanceName: 'Kabupaten Uji',
  timeZone: 'Asia/Jakarta',
  units: { current: () => undefined },
  account: { user: { username: 'admin', role: 'admin' } as User, lang: 'id' as const },
};

/** A dedup page's stream entry as `append_audit_page` writes it: no `complaint`, the parts in its detail. */
function pageEntry(ids: string[]) {
  const detail = JSON.stringify({ entries: ids.map((complaint) => ({ complaint, why: 'mirip', detail: {} })) });
  return { at: '2026-11-30T01:00:00.000Z', who: 'dedup', what: 'related_linked', why: 'satu halaman', detail };
}

describe('the audit page', () => {
  it("links the complaint of an entry, and each complaint a page's entry lists", () => {
    expect(complaintsOf({ complaint: 'c-1', detail: '{"entries":[{"complaint":"c-9"}]}' })).toEqual(['c-1']);
    expect(complaintsOf(pageEntry(['c-2', 'c-3', 'c-2']))).toEqual(['c-2', 'c-3']);
    expect(complaintsOf({ detail: 'not json' })).toEqual([]);
    expect(complaintsOf({ detail: '{"entries":[{"complaint":7},null,{}]}' })).toEqual([]);

    const body = auditPage(view, [
      { id: '1-0', fields: pageEntry(['c-a', 'c-b', 'c-c', 'c-d', 'c-e', 'c-f', 'c-g']) },
      { id: '2-0', fields: { at: '2026-11-30T02:00:00.000Z', who: 'x', what: 'created', why: 'y', complaint: 'c-z' } },
    ]);
    const links = [...body.matchAll(/href="\/aduan\/([^"]+)"/g)].map((m) => m[1]);
    expect(links).toEqual(['c-a', 'c-b', 'c-c', 'c-d', 'c-e', 'c-z']);
    expect(body).toContain('(+2)');
    expect(body).toContain('2026-11-30 08:00 WIB');
  });
});
