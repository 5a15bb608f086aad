import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../src/domain/complaint.js';
import { outboundComplaint, outboundResponse } from '../../src/push/outbound.js';
import { pushBackoff } from '../../src/queue/queues.js';

const complaint: Complaint & { classification: 'pengaduan' } = {
  id: 'c-1',
  caseId: 'c-1',
  source: 'wadesk',
  externalId: 'x1',
  crossRefs: [],
  classification: 'pengaduan',
  title: 'Jalan rusak',
  body: 'Jalan rusak di depan rumah, hubungi 081234567890 atau NIK 3316012345678901',
  rawBody: '',
  location: { desa: 'Ngawen', kecamatan: 'Ngawen' },
  anonim: false,
  rahasia: false,
  reportedAt: '2026-11-01T00:00:00.000Z',
  receivedAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  status: 'received',
  responses: [],
  attachments: [],
  contentHash: 'h',
  version: 1,
};
const identity = { name: 'Siti Aminah', phone: '081234567890', nik: '3316012345678901', email: 'siti@example.id' };

describe('what leaves the bridge', () => {
  it.each([
    [
      'a destination that may hold identity, non-anonim',
      { anonim: false },
      { public: false, sendIdentity: true },
      true,
    ],
    ['a destination that may hold identity, anonim', { anonim: true }, { public: false, sendIdentity: true }, false],
    ['an OPD system without identity rights', { anonim: false }, { public: false, sendIdentity: false }, false],
    ['a public channel', { anonim: false }, { public: true, sendIdentity: false }, false],
  ])('%s', (_label, flags, policy, carriesIdentity) => {
    const out = outboundComplaint({ ...complaint, ...flags }, identity, policy, undefined);
    expect(out.reporter !== undefined).toBe(carriesIdentity);
    expect(JSON.stringify(out)).not.toContain('3316012345678901');
    expect(out.body).not.toContain('081234567890');
    expect(out.clientRef).toBe('c-1');
    expect(out.location).toBe('Desa Ngawen, Kec. Ngawen');
  });

  it('masks answers and names the OPD', () => {
    const out = outboundResponse({
      id: 'r-1',
      caseId: 'c-1',
      complaintId: 'c-1',
      text: 'Silakan hubungi 0812-3456-7890',
      by: 'Rina',
      opd: 'Dinas PUPR',
      at: '2026-11-02T00:00:00.000Z',
      state: 'approved',
      createdAt: '2026-11-02T00:00:00.000Z',
    });
    expect(out).toEqual({
      clientRef: 'r-1',
      text: 'Silakan hubungi 0[**********]0',
      by: 'Rina (Dinas PUPR)',
      at: '2026-11-02T00:00:00.000Z',
    });
  });
});

describe('push retry schedule', () => {
  it.each([
    [1, 0],
    [2, 60_000],
    [3, 300_000],
    [4, 1_800_000],
    [9, 1_800_000],
  ])('retry %i waits %i ms', (attempt, ms) => {
    expect(pushBackoff([0, 60_000, 300_000, 1_800_000], attempt)).toBe(ms);
  });
});
