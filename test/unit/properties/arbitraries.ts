import fc from 'fast-check';

/** Runs per property: enough to meet the odd corners, small enough for CI. */
export const RUNS = 2000;

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
