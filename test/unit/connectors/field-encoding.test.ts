import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeField, escapeHtml } from '../../../src/connectors/common/field-encoding.js';
import { cleanText } from '../../../src/text/normalize.js';

const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)",
  '<a href="javascript:alert(1)">x</a>',
  '&lt;script&gt;',
  '<svg/onload=alert(1)>',
  '</textarea><script>',
  '<!--',
  '&#60;script&#62;',
];

describe('output encoding per field', () => {
  it.each(HOSTILE)('an HTML field never receives live markup: %s', (text) => {
    const html = encodeField(text, 'html');
    expect(html).not.toMatch(/[<>"']/);
    // Read back as LAPOR text, it is exactly the text we sent.
    expect(cleanText(html)).toBe(text.trim());
  });

  it('keeps paragraphs as <br /> in HTML and leaves plain fields alone', () => {
    expect(encodeField('Baris satu\nBaris <dua>', 'html')).toBe('Baris satu<br />\nBaris &lt;dua&gt;');
    expect(encodeField('<b>as typed</b>', 'plain')).toBe('<b>as typed</b>');
  });

  it('escaping is reversible for any text: no tag or attribute can open', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const escaped = escapeHtml(text);
        expect(escaped).not.toMatch(/[<>"']/);
        expect(
          escaped
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&quot;/g, '"')
            .replace(/&#39;/g, "'")
            .replace(/&amp;/g, '&'),
        ).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});
