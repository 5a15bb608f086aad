import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeResponse, encodeResponse } from '../../../src/store/response-doc.js';
import { opdResponseSchema, readAnswer, type OpdResponse } from '../../../src/store/responses.js';
import { RUNS, storedTime } from '../properties/arbitraries.js';

const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });
const time = storedTime;
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const answer: fc.Arbitrary<OpdResponse> = fc
  .record({
    id: text,
    caseId: text,
    otherComplaint: opt(text),
    origin: opt(fc.record({ source: text, externalId: text, answerId: opt(text) })),
    text,
    by: text,
    opd: opt(text),
    opdCode: opt(text),
    at: time,
    state: fc.constantFrom('draft', 'approved', 'rejected') as fc.Arbitrary<'draft'>,
    approvedBy: opt(text),
    approvedWhen: fc.constantFrom('never', 'when stored', 'later'),
    later: time,
    fromDraft: opt(fc.boolean()),
    rejectedBy: opt(text),
    rejectedAt: opt(time),
    rejectReason: opt(text),
    editedBy: opt(text),
    editedAt: opt(time),
    createdAt: time,
    historical: opt(fc.boolean()),
  })
  .map(({ otherComplaint, approvedWhen, later, ...r }) => ({
    ...r,
    complaintId: otherComplaint ?? r.caseId,
    approvedAt: approvedWhen === 'never' ? undefined : approvedWhen === 'when stored' ? r.createdAt : later,
  }));

/** An answer as read back: checked by the schema, undefined properties gone. */
const asRead = (a: unknown): unknown => JSON.parse(JSON.stringify(opdResponseSchema.parse(a)));

const PUBLISHED: OpdResponse = {
  id: 'r-6b185c9384a06ad24bef',
  caseId: 'c-189ebb7ec17817251a1c',
  complaintId: 'c-189ebb7ec17817251a1c',
  origin: { source: 'lapor', externalId: '5015949', answerId: '652' },
  text: 'Terima kasih atas laporan Saudara. Tim Dinas Pemberdayaan Masyarakat dan Desa telah melakukan pengecekan ke lokasi.',
  by: 'Admin Dinas Pemberdayaan Masyarakat dan Desa',
  opd: 'Dinas Pemberdayaan Masyarakat dan Desa',
  opdCode: 'dinpermades',
  at: '2026-08-21T15:16:52.000Z',
  state: 'approved',
  approvedBy: 'published on lapor',
  approvedAt: '2026-12-01T01:25:06.252Z',
  createdAt: '2026-12-01T01:25:06.252Z',
};

describe('answers as the answers hash stores them', () => {
  it('gives back every answer it stored, field for field', () => {
    fc.assert(
      fc.property(answer, (a) => {
        expect(asRead(decodeResponse(encodeResponse(a)))).toStrictEqual(asRead(a));
      }),
      { numRuns: RUNS },
    );
  });

  it('reads answers stored as JSON before, counts other bytes unreadable, and is far smaller than the JSON', () => {
    expect(readAnswer(Buffer.from(JSON.stringify(PUBLISHED)))).toEqual(PUBLISHED);
    expect(readAnswer(Buffer.from([0xc1]))).toBeUndefined();
    expect(readAnswer(Buffer.alloc(0))).toBeUndefined();
    expect(encodeResponse(PUBLISHED).length).toBeLessThan(JSON.stringify(PUBLISHED).length * 0.7);
  });
});
