/**
 * How a text is written into a field of another system. Our texts are plain (cleaned,
 * entities decoded: a citizen's "&lt;script&gt;" is the text "<script>"), so a field that
 * the remote system renders as HTML must get them escaped, and a plain field gets them as
 * they are. Each connector decides per field; nothing is written raw into HTML.
 */
export const FIELD_FORMATS = ['plain', 'html'] as const;
export type FieldFormat = (typeof FIELD_FORMATS)[number];

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** html: escaped, line breaks as `<br />` (how LAPOR keeps paragraphs); plain: unchanged. */
export function encodeField(text: string, format: FieldFormat): string {
  if (format === 'plain') return text;
  return escapeHtml(text).replace(/\r\n?|\n/g, '<br />\n');
}
