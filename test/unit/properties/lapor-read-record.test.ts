import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPosition, readRecord } from '../../../src/connectors/lapor/read-record.js';
import { positionSchema, recordSchema } from '../../../src/connectors/lapor/schema.js';
import { anyValue, recordLike, RUNS } from './arbitraries.js';

/** The fields map.ts picks out of a wire record, under the names the schema declares. */
const picked = {
  trackingId: '5010653',
  lastActivityAt: '2026-03-02 10:30:00',
  createdAt: '2026-03-01T09:00:00+07:00',
  body: 'Jalan rusak parah.',
  anonim: 'tidak',
  rahasia: 0,
  title: 'Jalan rusak',
  classification: 'pengaduan',
  categoryId: 2,
  categoryName: '  ',
  location: 'Desa Sonorejo',
  status: 'terdisposisi',
  unitId: undefined,
  unitName: 'Dinas PUPR',
  reporterName: 'Budi',
  reporterPhone: '081234567890',
  reporterEmail: null,
  reporterNik: '3316091203850001',
  attachments: ['https://lapor.example/files/a.jpg', 7],
  timeline: [{ id: 77, type: 'status', at: '2026-03-02T10:30:00+07:00', by: 'Admin', note: null }],
};

const entryLike = fc.oneof(recordLike(picked.timeline[0]!), anyValue);
const recordWith = fc.oneof(
  recordLike(picked),
  recordLike(picked).chain((r) => fc.array(entryLike, { maxLength: 3 }).map((timeline) => ({ ...r, timeline }))),
);

describe('LAPOR record reader', () => {
  const schema = recordSchema('+07:00');

  it('reads the plain record as the schema does', () => {
    expect(readRecord(picked, '+07:00')).toEqual(schema.parse(picked));
  });

  it('returns what the schema returns, or leaves the record to the schema', () => {
    fc.assert(
      fc.property(recordWith, (record) => {
        const fast = readRecord(record, '+07:00');
        const slow = schema.safeParse(record);
        if (fast === undefined) return;
        expect(slow.success).toBe(true);
        expect(fast).toEqual(slow.data);
      }),
      { numRuns: RUNS },
    );
  });

  it('reads every record whose fields have the kinds LAPOR sends (the fast path is the common one)', () => {
    const plausible = fc.record({
      anonim: fc.constantFrom(true, false, 1, 0, 'ya', ' Tidak ', 'y', 'N'),
      note: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant(undefined)),
      id: fc.oneof(fc.integer({ min: 0 }), fc.stringMatching(/^\s?[\w.:-]{1,64}\s?$/), fc.constant(undefined)),
      text: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant(undefined), fc.boolean()),
    });
    fc.assert(
      fc.property(plausible, ({ anonim, note, id, text }) => {
        const record = {
          ...picked,
          trackingId: id ?? picked.trackingId,
          anonim,
          title: text,
          timeline: [{ ...picked.timeline[0], id: text, note, by: text }],
        };
        expect(readRecord(record, '+07:00')).toEqual(schema.parse(record));
      }),
      { numRuns: RUNS },
    );
  });

  it('reads a list position as the position schema does', () => {
    const schema = positionSchema('+07:00');
    const value = fc.oneof(
      anyValue,
      fc.integer({ min: -5, max: 2 ** 60 }),
      fc.constantFrom(' 5010653 ', '2026-03-02 10:30:00', '2026-03-02T10:30:00+07:00', 'abc:1.2-3'),
    );
    fc.assert(
      fc.property(value, value, (trackingId, lastActivityAt) => {
        const slow = schema.safeParse({ trackingId, lastActivityAt });
        expect(readPosition(trackingId, lastActivityAt, '+07:00')).toEqual(
          slow.success ? { t: slow.data.lastActivityAt, id: slow.data.trackingId } : undefined,
        );
      }),
      { numRuns: RUNS },
    );
  });
});
