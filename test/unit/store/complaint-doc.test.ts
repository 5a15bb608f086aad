import fc from 'fast-check';
import { Packr } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { complaintId, complaintSchema, responseId, type Complaint } from '../../../src/domain/complaint.js';
import { CLASSIFICATIONS, STATUSES } from '../../../src/domain/status.js';
import { decodeComplaint, encodeComplaint, readComplaint } from '../../../src/store/complaint-doc.js';
import { cleanText } from '../../../src/text/normalize.js';
import { RUNS, storedTime } from '../properties/arbitraries.js';

const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const time = storedTime;
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const kind = fc.constantFrom('tindak_lanjut', 'comment', 'status_note') as fc.Arbitrary<'comment'>;

/** Any complaint the schema accepts; ids derived as the pipeline derives them, or not. */
const complaint: fc.Arbitrary<Complaint> = fc
  .record({
    source: fc.constantFrom('lapor', 'wadesk', 'superapp'),
    externalId: text,
    ownId: fc.boolean(),
    otherCase: opt(text),
    crossRefs: fc.array(fc.record({ system: text, externalId: text }), { maxLength: 2 }),
    classification: opt(fc.constantFrom(...CLASSIFICATIONS)),
    title: opt(text),
    rawBody: fc.string({ maxLength: 120 }),
    editedBody: opt(text),
    category: opt(fc.record({ id: opt(text), name: opt(text) })),
    opd: opt(
      fc.record({
        code: opt(text),
        name: opt(text),
        assignedBy: fc.constantFrom('source', 'rule', 'model', 'operator') as fc.Arbitrary<'rule'>,
        reason: opt(text),
        confidence: opt(fc.double({ min: 0, max: 1, noNaN: true })),
        at: opt(time),
      }),
    ),
    location: opt(
      fc.record({ text: opt(text), desa: opt(text), lat: opt(fc.double({ noNaN: true, noDefaultInfinity: true })) }),
    ),
    reporter: opt(fc.record({ hash: text, display: text })),
    anonim: fc.boolean(),
    rahasia: fc.boolean(),
    reportedAt: time,
    receivedAt: time,
    updatedAt: time,
    status: fc.constantFrom(...STATUSES),
    sourceStatus: opt(text),
    pauses: opt(fc.array(fc.record({ from: time, to: opt(time) }), { maxLength: 2 })),
    responses: fc.array(
      fc.record({
        externalId: opt(text),
        derivedId: fc.boolean(),
        foreign: opt(text),
        at: time,
        by: opt(text),
        text,
        kind,
      }),
      { maxLength: 4 },
    ),
    attachments: fc.array(text, { maxLength: 2 }),
    historical: opt(fc.boolean()),
    forwardTo: opt(fc.array(text, { maxLength: 2 })),
    contentHash: fc.oneof(fc.stringMatching(/^[0-9a-f]{32}$/), text),
    version: fc.integer({ min: 1, max: 1000 }),
  })
  .map(({ ownId, otherCase, editedBody, responses, ...c }) => {
    const id = ownId ? `c-own-${c.externalId}` : complaintId(c.source, c.externalId);
    return {
      ...c,
      id,
      caseId: otherCase ?? id,
      body: editedBody ?? cleanText(c.rawBody),
      responses: responses.map(({ derivedId, foreign, ...r }) => {
        const source = foreign ?? c.source;
        const derived = responseId(id, source, r.externalId ?? `${r.at}|${r.kind}|${r.text}`);
        return { ...r, id: derivedId ? derived : `r-own-${r.text}`, source };
      }),
    };
  });

/** A complaint as the ledger reads it: checked by the schema, undefined properties gone. */
const asRead = (stored: unknown): unknown => JSON.parse(JSON.stringify(complaintSchema.parse(stored)));

const LAPOR_REPORT: Complaint = {
  id: complaintId('lapor', '5016029'),
  caseId: complaintId('lapor', '5016029'),
  source: 'lapor',
  externalId: '5016029',
  crossRefs: [],
  classification: 'pengaduan',
  title: 'Pembuangan limbah ke sungai',
  rawBody: 'Ada usaha di Desa Japah yang membuang limbah cair langsung ke sungai.<br />Ikan banyak yang mati.',
  body: cleanText('Ada usaha di Desa Japah yang membuang limbah cair langsung ke sungai.<br />Ikan banyak yang mati.'),
  category: { id: '12', name: 'Sampah dan Limbah' },
  opd: { code: 'dlh', name: 'Dinas Lingkungan Hidup', assignedBy: 'source', reason: 'lapor menyebut DLH' },
  location: { text: 'Desa Japah, Kec. Japah, Kab. Blora' },
  reporter: { hash: '0c569d9bcae9b52704d1d88ca239f257', display: 'E. · 0[*********]0' },
  anonim: false,
  rahasia: false,
  reportedAt: '2026-08-21T05:07:44.000Z',
  receivedAt: '2026-12-01T01:10:49.320Z',
  updatedAt: '2026-08-27T20:45:44.000Z',
  status: 'closed',
  sourceStatus: 'selesai',
  responses: [
    ['662', '2026-08-21T13:48:44.000Z', 'Admin Nasional', 'Laporan terdisposisi ke Pemerintah Kabupaten Blora'],
    ['663', '2026-08-22T23:09:44.000Z', 'Admin Pemerintah Kabupaten Blora', 'Laporan diteruskan ke DLH'],
    ['664', '2026-08-24T21:55:44.000Z', 'Admin Dinas Lingkungan Hidup', 'Permasalahan sudah ditangani.'],
  ].map(([externalId, at, by, text]) => ({
    id: responseId(complaintId('lapor', '5016029'), 'lapor', externalId!),
    source: 'lapor',
    externalId: externalId!,
    at: at!,
    by: by!,
    text: text!,
    kind: 'status_note' as const,
  })),
  attachments: [],
  contentHash: 'e2a649ca7fb30f0edd93792ac591d108',
  version: 1,
};

describe('complaint documents as the ledger stores them', () => {
  it('gives back every complaint it stored, field for field', () => {
    fc.assert(
      fc.property(complaint, (c) => {
        expect(asRead(decodeComplaint(encodeComplaint(c)))).toStrictEqual(asRead(c));
      }),
      { numRuns: RUNS },
    );
  });

  it('reads a document of this layout without the schema, to the same complaint the schema would give', () => {
    fc.assert(
      fc.property(complaint, (c) => {
        const read = readComplaint(encodeComplaint(c));
        expect(JSON.parse(JSON.stringify(read))).toStrictEqual(asRead(c));
        expect(asRead(read)).toStrictEqual(asRead(c));
      }),
      { numRuns: RUNS },
    );
  });

  it('checks a complaint when it packs it, and a document this layout does not hold when it reads it', () => {
    expect(() => encodeComplaint({ ...LAPOR_REPORT, version: 0 })).toThrow(/version/);
    expect(() => encodeComplaint({ ...LAPOR_REPORT, reportedAt: 'kemarin' })).toThrow(/reportedAt/);
    const packr = new Packr({ useRecords: false, variableMapSize: true });
    const stored = packr.unpack(encodeComplaint(LAPOR_REPORT)) as Record<string, unknown>;
    const { S: _status, ...noStatus } = stored;
    expect(() => readComplaint(packr.pack(noStatus))).toThrow(/status/);
    expect(() => readComplaint(packr.pack({ ...stored, version: '2' }))).toThrow(/version/);
    // A status or an answer kind a later version added is not taken on trust either.
    expect(() => readComplaint(packr.pack({ ...stored, S: 'escalated' }))).toThrow(/status/);
    const rs = stored.rs as unknown[][];
    expect(() =>
      readComplaint(packr.pack({ ...stored, rs: [[...rs[0]!.slice(0, 1), 7, ...rs[0]!.slice(2)]] })),
    ).toThrow(/kind/);
    expect(() => readComplaint(Buffer.from([0xc1, 0x00]))).toThrow();
  });

  it('reads documents written before: JSON, and MessagePack maps with the full names', () => {
    const full = new Packr({ useRecords: false, variableMapSize: true }).pack(LAPOR_REPORT);
    expect(asRead(decodeComplaint(full))).toStrictEqual(asRead(LAPOR_REPORT));
    const json = Buffer.from(JSON.stringify(LAPOR_REPORT));
    expect(asRead(decodeComplaint(json))).toStrictEqual(asRead(LAPOR_REPORT));
    expect(asRead(readComplaint(full))).toStrictEqual(asRead(LAPOR_REPORT));
    expect(asRead(readComplaint(json))).toStrictEqual(asRead(LAPOR_REPORT));
    expect(decodeComplaint(Buffer.from([0xc1, 0x00]))).toBeTypeOf('string');
  });

  it('keeps the names the ledger scripts read, and a LAPOR report in under two thirds of the full map', () => {
    const stored = encodeComplaint(LAPOR_REPORT);
    const plain = new Packr({ useRecords: false }).unpack(stored) as Record<string, unknown>;
    expect(plain).toMatchObject({ version: 1, caseId: LAPOR_REPORT.caseId, opd: { code: 'dlh' } });
    const { body: _derived, ...withoutBody } = LAPOR_REPORT;
    const before = new Packr({ useRecords: false, variableMapSize: true }).pack(withoutBody).length;
    expect(stored.length).toBeLessThan((before * 2) / 3);
  });
});
