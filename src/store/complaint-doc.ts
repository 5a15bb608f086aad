import { Packr } from 'msgpackr';
import type { Complaint } from '../domain/complaint.js';
import { cleanText } from '../text/normalize.js';

/**
 * How the ledger stores a complaint document: MessagePack as plain maps (so the ledger's
 * Lua reads the version and OPD with cmsgpack), properties that are undefined left out as
 * JSON leaves them out, and the cleaned text left out when it is what cleaning the text as
 * sent gives: read back, it is derived again (on first use, so a reader that never looks at
 * it never pays for it). A document written as JSON before is read as it is, and written in
 * this encoding on its next write.
 */
const packr = new Packr({
  useRecords: false,
  variableMapSize: true,
  // msgpackr reads this option (README: skipValues); its type declarations do not list it yet.
  ...{ skipValues: [undefined] },
});

/** A JSON document starts with "{"; a MessagePack map never does (fixmap 0x80–0x8f, map16 0xde, map32 0xdf). */
const JSON_OPEN = 0x7b;

export function encodeComplaint(c: Complaint): Buffer {
  if (cleanText(c.rawBody) !== c.body) return packr.pack(c);
  const { body: _derived, ...rest } = c;
  return packr.pack(rest);
}

/**
 * The stored document as a plain value for a schema to check; null when there is none. Bytes
 * that neither encoding reads come back as their text, which no complaint schema accepts:
 * the reader counts it unreadable instead of failing on it.
 */
export function decodeComplaint(stored: Buffer | null | undefined): unknown {
  if (!stored) return null;
  try {
    const doc: unknown = stored[0] === JSON_OPEN ? JSON.parse(stored.toString('utf8')) : packr.unpack(stored);
    return withDerivedBody(doc);
  } catch {
    return stored.toString('utf8');
  }
}

function withDerivedBody(doc: unknown): unknown {
  if (typeof doc !== 'object' || doc === null || 'body' in doc) return doc;
  const rawBody = (doc as { rawBody?: unknown }).rawBody;
  if (typeof rawBody !== 'string') return doc;
  let body: string | undefined;
  Object.defineProperty(doc, 'body', {
    enumerable: true,
    configurable: true,
    get: () => (body ??= cleanText(rawBody)),
  });
  return doc;
}

/**
 * Lua for the ledger's scripts: the stored document (either encoding) as a table, for the
 * fields they compare (version, OPD code).
 */
export const DECODE_DOC = `
local function decode_doc(doc)
  if string.byte(doc, 1) == ${JSON_OPEN} then return cjson.decode(doc) end
  return cmsgpack.unpack(doc)
end
`;
