import { XMLParser } from 'fast-xml-parser';
import iconv from 'iconv-lite';
import { ConnectorError } from '../../domain/failures.js';

/**
 * A GeoReport answer as bytes, read as the server wrote it: the charset of its
 * Content-Type (or of the XML declaration) decides the decoding, and the body is JSON or
 * XML by its Content-Type, else by its first character. Lists come back as plain arrays
 * of objects whatever the format, so everything after this speaks JSON shapes.
 */
export type Open311Format = 'json' | 'xml';

/** The elements of a GeoReport XML list (the spec's and the mySociety updates extension's). */
const LIST_ITEMS = ['request', 'service', 'request_update', 'error', 'attribute', 'value', 'keyword'];

const xml = new XMLParser({
  // Values stay text as in JSON servers' strings: ids, "true"/"false" and coordinates are read leniently later.
  parseTagValue: false,
  ignoreAttributes: true,
  trimValues: true,
  ignoreDeclaration: true,
  // Character references (&#8212;) are how a Latin-1 document writes what Latin-1 lacks.
  htmlEntities: true,
  isArray: (name) => LIST_ITEMS.includes(name),
});

function charsetOf(contentType: string, head: string): string {
  const declared =
    /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1] ??
    /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  if (!declared) return 'utf-8';
  return iconv.encodingExists(declared) ? declared : 'utf-8';
}

export function formatOfBody(contentType: string, text: string): Open311Format | 'html' {
  const type = contentType.toLowerCase();
  const start = text.trimStart().slice(0, 64).toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) return 'html';
  if (type.includes('xml')) return 'xml';
  if (type.includes('json')) return 'json';
  return start.startsWith('<') ? 'xml' : 'json';
}

/** The one child list of an XML root (`<service_requests><request>…`), or the root itself when it is one object. */
function listOfXml(doc: Record<string, unknown>): unknown {
  const [root] = Object.values(doc);
  if (root === '' || root === undefined || root === null) return [];
  if (typeof root !== 'object') return root;
  const children = Object.values(root as Record<string, unknown>);
  if (children.length === 1 && Array.isArray(children[0])) return children[0];
  return [root];
}

export interface DecodedBody {
  format: Open311Format;
  charset: string;
  data: unknown;
}

export function decodeBody(bytes: Buffer, contentType: string, system: string, where: string): DecodedBody {
  const head = bytes.subarray(0, 200).toString('latin1');
  const charset = charsetOf(contentType, head);
  const text = iconv.decode(bytes, charset).replace(/^\uFEFF/, '');
  if (text.trim() === '') return { format: 'json', charset, data: undefined };
  const format = formatOfBody(contentType, text);
  if (format === 'html')
    throw new ConnectorError(
      'TRANSIENT',
      `${system}: ${where} returned an HTML page instead of JSON or XML (${bytes.length} bytes)`,
    );
  try {
    if (format === 'json') return { format, charset, data: JSON.parse(text) as unknown };
    // true: validate first, so a cut-off document is an error rather than half a list.
    return { format, charset, data: listOfXml(xml.parse(text, true) as Record<string, unknown>) };
  } catch {
    throw new ConnectorError(
      'TRANSIENT',
      `${system}: ${where} returned malformed or truncated ${format.toUpperCase()} (${bytes.length} bytes)`,
    );
  }
}
