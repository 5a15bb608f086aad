import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OPD_DECIDERS } from '../../../src/domain/complaint.js';
import { CLASSIFICATIONS, STATUSES } from '../../../src/domain/status.js';
import { decodeRekapRecord, encodeRekapRecord } from '../../../src/store/rekap-record-codec.js';
import type { RekapRecord } from '../../../src/store/rekap-records.js';
import { RUNS, storedTime } from '../properties/arbitraries.js';

const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const time = storedTime;
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const record: fc.Arbitrary<RekapRecord> = fc
  .record({
    id: text,
    caseId: opt(text),
    source: text,
    externalId: text,
    title: opt(text),
    category: opt(fc.record({ id: opt(text), name: opt(text) })),
    classification: opt(fc.constantFrom(...CLASSIFICATIONS)),
    opd: opt(
      fc.record({ code: opt(text), id: opt(text), name: opt(text), assignedBy: fc.constantFrom(...OPD_DECIDERS) }),
    ),
    rahasia: fc.boolean(),
    reportedAt: time,
    status: fc.constantFrom(...STATUSES),
    pauses: opt(fc.array(fc.record({ from: time, to: opt(time) }), { maxLength: 3 })),
    responses: fc.array(
      fc.record({
        id: text,
        kind: fc.constantFrom('tindak_lanjut', 'comment', 'status_note') as fc.Arbitrary<'comment'>,
        at: time,
      }),
      { maxLength: 4 },
    ),
    words: opt(fc.array(text, { maxLength: 5 })),
  })
  .map((r) => ({ ...r, caseId: r.caseId ?? r.id }));

/** What a record is once stored: undefined properties gone, as JSON drops them. */
const asStored = (r: RekapRecord): unknown => JSON.parse(JSON.stringify(r));

describe('rekap record codec', () => {
  it('gives back every record it stored, field for field', () => {
    fc.assert(
      fc.property(record, (r) => {
        expect(decodeRekapRecord(encodeRekapRecord(r))).toStrictEqual(asStored(r));
      }),
      { numRuns: RUNS },
    );
  });

  it('reads a record stored as JSON before, and counts bytes of neither layout unreadable', () => {
    const r: RekapRecord = {
      id: 'c-1',
      caseId: 'c-1',
      source: 'lapor',
      externalId: '5047149',
      rahasia: false,
      reportedAt: '2026-10-18T00:04:55.000Z',
      status: 'disposed',
      responses: [{ id: 'r-1', kind: 'status_note', at: '2026-10-20T02:30:55.000Z' }],
    };
    expect(decodeRekapRecord(Buffer.from(JSON.stringify(r)))).toEqual(r);
    expect(decodeRekapRecord(Buffer.from('{"id":1}'))).toBeUndefined();
    expect(decodeRekapRecord(Buffer.from('not a record'))).toBeUndefined();
    expect(decodeRekapRecord(Buffer.from([0x93, 0x02, 0xa1, 0x78]))).toBeUndefined();
  });

  it('stores a typical record in well under half its JSON', () => {
    const r: RekapRecord = {
      id: 'c-aa776cef19490ec0881e',
      caseId: 'c-aa776cef19490ec0881e',
      source: 'lapor',
      externalId: '5047149',
      title: 'Sampah menumpuk di Desa Sitirejo, Kec. Tunjungan',
      category: { id: '12', name: 'Sampah dan Limbah' },
      classification: 'pengaduan',
      rahasia: false,
      reportedAt: '2026-10-18T00:04:55.000Z',
      status: 'disposed',
      responses: [{ id: 'r-51d01931211b22a6ec9c', kind: 'status_note', at: '2026-10-20T02:30:55.000Z' }],
    };
    expect(encodeRekapRecord(r).length).toBeLessThan(JSON.stringify(r).length * 0.6);
  });
});
