import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { INBOX_STATES } from '../../../src/workspace/states.js';
import { InboxTop, inboxOrder, type InboxOrderKey } from '../../../src/workspace/inbox-order.js';

const row = (id: string, state: InboxOrderKey['state'], reportedAt: string, dueAt?: string) => ({
  id,
  state,
  reportedAt,
  ...(dueAt ? { dueAt } : {}),
});

describe('inbox order: the most pressing first', () => {
  it('owing an answer by due time (late on top, paused after), then drafts, then sent or closed newest first', () => {
    const rows = [
      row('sent-old', 'terkirim', '2026-10-01T00:00:00Z'),
      row('draft-late', 'menunggu_persetujuan', '2026-10-02T00:00:00Z', '2026-10-07T00:00:00Z'),
      row('due-soon', 'perlu_jawaban', '2026-11-27T00:00:00Z', '2026-12-02T12:00:00Z'),
      row('paused', 'perlu_jawaban', '2026-09-01T00:00:00Z'),
      row('closed-new', 'ditutup', '2026-11-30T00:00:00Z'),
      row('new-later', 'baru', '2026-11-30T00:00:00Z', '2026-12-04T00:00:00Z'),
      row('late-long', 'terlambat', '2026-10-03T00:00:00Z', '2026-10-08T00:00:00Z'),
      row('late-short', 'terlambat', '2026-11-20T00:00:00Z', '2026-11-25T00:00:00Z'),
      row('draft-new', 'menunggu_persetujuan', '2026-11-29T00:00:00Z', '2026-12-03T00:00:00Z'),
      // Reported on a weekend day before: the same due time, the one that waited longer first.
      row('same-due-later', 'perlu_jawaban', '2026-11-29T10:00:00Z', '2026-12-04T00:00:00Z'),
      row('same-due-earlier', 'perlu_jawaban', '2026-11-29T02:00:00Z', '2026-12-04T00:00:00Z'),
    ];
    expect(rows.sort(inboxOrder).map((r) => r.id)).toEqual([
      'late-long',
      'late-short',
      'due-soon',
      'same-due-earlier',
      'same-due-later',
      'new-later',
      'paused',
      'draft-late',
      'draft-new',
      'closed-new',
      'sent-old',
    ]);
  });

  it('keeps exactly the first rows of the whole order, however many are offered, holding a bounded number', () => {
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString();
    const key = fc.record({
      state: fc.constantFrom(...INBOX_STATES, 'ditutup' as const),
      dueAt: fc.option(fc.integer({ min: 0, max: 400 }).map(day), { nil: undefined }),
      reportedAt: fc.integer({ min: 0, max: 400 }).map(day),
    });
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), fc.integer({ min: 1, max: 40 }), (keys, limit) => {
        const offered = keys.map((k, i) => ({ ...k, i }));
        const top = new InboxTop(limit, (r: (typeof offered)[number]) => r);
        for (const r of offered) top.offer(r);
        const { rows, more } = top.result();
        const whole = [...offered].sort(inboxOrder).slice(0, limit);
        // Equal keys may come in either order; the ordered keys and the count must match.
        expect(rows.map((r) => [r.state, r.dueAt, r.reportedAt])).toEqual(
          whole.map((r) => [r.state, r.dueAt, r.reportedAt]),
        );
        expect(more).toBe(offered.length - rows.length);
      }),
    );
  });
});
