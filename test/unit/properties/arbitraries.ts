import fc from 'fast-check';
import { expect } from 'vitest';
import type { PulledRecord } from '../../../src/connectors/types.js';
import { complaintSchema } from '../../../src/domain/complaint.js';
import { complaintDraftSchema } from '../../../src/domain/draft.js';
import { buildComplaint } from '../../../src/pipeline/build-complaint.js';
import { withWellFormedIds } from '../../../src/pipeline/record-ids.js';

/** Runs per property: enough to meet the odd corners, small enough for CI. */
export const RUNS = 2000;

/** Times as the ledger stores them: mostly `toISOString()` text, sometimes with an offset or without milliseconds. */
export const storedTime = fc.oneof(
  fc
    .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom('2026-03-01T07:00:00+07:00', '2026-03-01T00:00:00Z', '2026-03-01T00:00:00.5Z'),
);

/** Any UTF-16 string, lone surrogates included (what a broken encoder puts into JSON). */
export const anyText = fc.string({ unit: 'binary', maxLength: 80 });

/** Hostile fragments a complaint text meets: entities outside Unicode, markup, surrogate halves. */
const fragment = fc.oneof(
  fc.constantFrom(
    '&#1114112;',
    '&#x110000;',
    '&#0;',
    '&#xD800;',
    '&#55296;',
    '&#99999999999999999999;',
    '&#x;',
    '&lt;script&gt;',
    '&amp;',
    '&nbsp;',
    '<br />',
    '<script>x</script>',
    '<b>',
    '\uD800',
    '\uDFFF',
    '\u0000',
    '\r\n',
    '0812 3456 7890',
    '3316091203850001',
  ),
  fc.integer({ min: 0, max: 0x7fffffff }).map((n) => `&#${n};`),
  fc.integer({ min: 0, max: 0x7fffffff }).map((n) => `&#x${n.toString(16)};`),
  anyText,
);
export const hostileText = fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join(''));

/** Whatever JSON (and a broken server) can put where a value is expected. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constantFrom(
    '2026-02-30',
    '2026-02-30T10:00:00+07:00',
    '2026-13-01 00:00:00',
    '31/02/2026 10:00',
    '2024-02-29T24:00:00Z',
    '0000-00-00 00:00:00',
    'Invalid Date',
    '1e400',
    '-0',
  ),
  fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'NaN' : d.toISOString())),
  fc.array(anyText, { maxLength: 3 }),
  fc.dictionary(anyText, anyText, { maxKeys: 3 }),
);

/** A record in a source's shape whose every field may be anything. */
export function recordLike(base: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(base);
  return fc.record(
    Object.fromEntries(
      keys.map((k) => [
        k,
        fc.oneof({ weight: 3, arbitrary: fc.constant(base[k]) }, { weight: 2, arbitrary: anyValue }),
      ]),
    ) as Record<string, fc.Arbitrary<unknown>>,
  );
}

export function isWellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/**
 * What every connector's mapping must give for any input: a draft the canonical schema
 * takes and the ledger turns into a valid complaint, or a rejection with its reason.
 */
export function expectTotal(mapped: PulledRecord): boolean {
  const result = withWellFormedIds(mapped);
  if (!result.ok) {
    expect(result.reason.trim().length).toBeGreaterThan(0);
    return false;
  }
  const draft = complaintDraftSchema.safeParse(result.draft);
  expect(draft.success).toBe(true);
  expect(isWellFormed(result.externalId)).toBe(true);
  const now = new Date('2026-06-01T00:00:00Z');
  const write = buildComplaint(
    { id: 'c-1', caseId: 'c-1', source: 'src', draft: draft.data!, salt: 'salt', now },
    undefined,
  );
  expect(write).not.toBeNull();
  expect(complaintSchema.safeParse(write!.complaint).success).toBe(true);
  expect(isWellFormed(write!.complaint.body)).toBe(true);
  return true;
}

/** A value in the shape of `base` at every depth, where any field, item or sub-object may be anything. */
export function shapeLike(base: unknown): fc.Arbitrary<unknown> {
  const same: fc.Arbitrary<unknown> = Array.isArray(base)
    ? fc.tuple(...base.map(shapeLike))
    : base !== null && typeof base === 'object'
      ? fc.record(
          Object.fromEntries(Object.entries(base).map(([k, v]) => [k, shapeLike(v)])) as Record<
            string,
            fc.Arbitrary<unknown>
          >,
        )
      : fc.constant(base);
  return fc.oneof({ weight: 4, arbitrary: same }, { weight: 1, arbitrary: anyValue });
}
