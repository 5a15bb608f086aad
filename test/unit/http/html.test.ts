import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from '../../../src/http/pages/html.js';

describe('html template: escaping is the default', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    [`" onmouseover='x' a="`, '&quot; onmouseover=&#39;x&#39; a=&quot;'],
    ['Tom & Jerry &amp;', 'Tom &amp; Jerry &amp;amp;'],
    ['Dinas PU', 'Dinas PU'],
  ])('escapes %j', (text, expected) => {
    expect(escapeHtml(text)).toBe(expected);
    expect(html`<td title="${text}">${text}</td>`.value).toBe(`<td title="${expected}">${expected}</td>`);
  });

  it('keeps nested fragments as markup, joins lists, and drops null, undefined and false', () => {
    const items = ['<a>', 'b'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${0}`.value).toBe('<ul><li>&lt;a&gt;</li><li>b</li></ul>0');
  });

  it('escapes a value that only looks like a fragment', () => {
    expect(html`${{ value: '<b>x</b>' }}`.value).toBe('[object Object]');
    expect(html`${'<b>x</b>'}`.value).toBe('&lt;b&gt;x&lt;/b&gt;');
  });
});
